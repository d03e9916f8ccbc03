/**
 * Which packages a source file imports ("hono/cors" → "hono", "@hono/zod-validator" → itself),
 * so the editor fetches type definitions only for packages the sandbox uses.
 */

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g

export function packageRoot(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(specifier))
    return undefined
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0]
}

export function importRoots(source: string): string[] {
  const roots = new Set<string>()
  for (const match of source.matchAll(SPECIFIER)) {
    const root = packageRoot(match[2]!)
    if (root) roots.add(root)
  }
  return [...roots].sort()
}
