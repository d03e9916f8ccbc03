/**
 * Build-time (Node): Monaco's modules import their CSS (`import '../../sandbox/monaco/hover.css'`). Astro would
 * hoist every such file into the `<head>` of each page with a sandbox — ~150 KB of
 * render-blocking CSS before anyone opens an editor. This plugin turns each of those imports
 * into a few lines of JS that add the CSS (its url()s as hashed assets) as a `<style>` when
 * the lazily loaded editor chunk runs, so the CSS arrives with the editor and not before.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Plugin } from 'vite'

const PREFIX = '\0course-monaco-style:'

export function monacoStylesPlugin(): Plugin {
  return {
    name: 'course-monaco-styles',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('.css') || !/[\\/]monaco-editor[\\/]/.test(importer)) return undefined
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      // Ends in .js, or Vite's CSS pipeline would claim the module.
      return resolved ? `${PREFIX}${resolved.id}.js` : undefined
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return undefined
      const file = id.slice(PREFIX.length, -'.js'.length)
      this.addWatchFile(file)
      // Comments and blank lines out; url(./codicon.ttf) and the like become hashed asset URLs.
      const urls: string[] = []
      const css = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\n\s*\n/g, '\n')
        .replace(
          /url\((['"]?)(\.{1,2}\/[^'")?#]+)([^'")]*)\1\)/g,
          (_match, _quote, path: string, suffix: string) => {
            urls.push(resolve(dirname(file), path))
            return `url(__COURSE_URL_${urls.length - 1}__${suffix})`
          },
        )
      return [
        ...urls.map((url, i) => `import url${i} from ${JSON.stringify(`${url}?url`)}`),
        `let css = ${JSON.stringify(css)}`,
        ...urls.map((_, i) => `css = css.replaceAll('__COURSE_URL_${i}__', url${i})`),
        'if (typeof document !== "undefined") {',
        '  const style = document.createElement("style")',
        `  style.dataset.monaco = ${JSON.stringify(file.replace(/^.*[\\/]monaco-editor[\\/]/, ''))}`,
        '  style.textContent = css',
        '  document.head.append(style)',
        '}',
      ].join('\n')
    },
  }
}
