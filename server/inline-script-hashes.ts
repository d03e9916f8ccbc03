/**
 * Finds the inline <script> blocks in the built HTML and returns their CSP hashes, so the
 * policy can forbid every other inline script (no 'unsafe-inline' for scripts).
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi

export function hashInlineScripts(html: string): string[] {
  const hashes: string[] = []
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? ''
    if (body.trim() === '' || /type=["']?application\/(ld\+)?json/i.test(match[0])) continue
    hashes.push(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`)
  }
  return hashes
}

export function hashInlineScriptsInDir(dir: string): string[] {
  const found = new Set<string>()
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.html'))
        for (const h of hashInlineScripts(readFileSync(path, 'utf8'))) found.add(h)
    }
  }
  walk(dir)
  return [...found].sort()
}
