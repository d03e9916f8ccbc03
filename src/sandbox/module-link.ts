/**
 * Linking a prepared module graph (see module-graph.ts) into importable URLs. Kept apart from
 * module-graph.ts so the app worker, which only links, does not load the transpiler.
 */

/** A relative import to fill in at link time; `start`/`end` cover the specifier in `code`. */
export interface ModuleLink {
  start: number
  end: number
  /** Sandbox path of the imported file. */
  path: string
  /** Dynamic imports cover the quotes too, so the URL is spliced in quoted. */
  quoted: boolean
}

export interface PreparedModule {
  path: string
  code: string
  links: ModuleLink[]
}

/**
 * Gives every module a URL, dependencies first, with the URLs of its relative imports spliced
 * in. `modules` must list dependencies before their importers (as buildModuleGraph does);
 * `createUrl` makes the URL (URL.createObjectURL in the worker). Returns path → URL.
 */
export function linkModules(
  modules: readonly PreparedModule[],
  createUrl: (code: string, path: string) => string,
): Map<string, string> {
  const urls = new Map<string, string>()
  for (const mod of modules) {
    let code = ''
    let last = 0
    for (const link of [...mod.links].sort((a, b) => a.start - b.start)) {
      const url = urls.get(link.path)
      if (!url) throw new Error(`linkModules: ${link.path} was not linked before ${mod.path}`)
      code += mod.code.slice(last, link.start) + (link.quoted ? JSON.stringify(url) : url)
      last = link.end
    }
    code += mod.code.slice(last)
    urls.set(mod.path, createUrl(code, mod.path))
  }
  return urls
}
