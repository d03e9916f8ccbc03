/**
 * How the sandbox origin's built files are named: scripts/build-sandbox-origin.ts writes
 * `worker-<hash>.js`, `vendor/hono-<hash>.js`, `pglite/pglite-<hash>.wasm`…, and the sandbox
 * server (cache headers, COEP), the Service Worker (what is never a preview's) and the tests
 * recognise them by this. In src/shared/ because both sides run it (the server's image carries
 * this folder); no imports, so the Service Worker bundles it as it is.
 */

/** Characters of content hash in a name: esbuild's `[hash]`, and the build's own contentHash. */
export const HASH_LENGTH = 8

/** `-<hash>` as regular-expression source, e.g. `new RegExp(`worker${HASH_SUFFIX}\\.js$`)`. */
export const HASH_SUFFIX = `-[A-Z0-9]{${HASH_LENGTH}}`
