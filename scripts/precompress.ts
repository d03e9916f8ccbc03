/**
 * Writes .br and .gz next to every compressible file of the built site, so the server sends
 * compressed bytes without compressing on each request (serveStatic's `precompressed`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { distDir } from '../api/config.ts'

// Pagefind's index files (.pf_*, .pagefind) are gzip inside already; its script and entry JSON are not.
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|txt|xml|md|map|d\.ts|wasm|data|tar)$/
const dir = process.argv[2] ?? distDir()
let files = 0
let before = 0
let after = 0

function walk(d: string) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name)
    if (entry.isDirectory()) walk(path)
    else if (COMPRESSIBLE.test(entry.name)) {
      const data = readFileSync(path)
      if (data.length < 1024) continue // not worth a second request header's worth of bytes
      // Quality 11 on PGlite's 15 MB of Postgres takes minutes on a small machine; 9 is close in size.
      const quality = data.length > 1_000_000 ? 9 : 11
      const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } })
      writeFileSync(`${path}.br`, br)
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }))
      files++
      before += data.length
      after += br.length
    }
  }
}

walk(dir)
console.log(
  `precompress: ${files} files, ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB (br)`,
)
