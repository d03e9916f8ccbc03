// @ts-check
import { defineConfig } from 'astro/config'
import mdx from '@astrojs/mdx'
import { satteri } from '@astrojs/markdown-satteri'
import { getRequestListener } from '@hono/node-server'
import { sandboxTagsPlugin } from './src/components/sandbox/sandbox-tags-plugin.ts'
import { sandboxEditorPlugins } from './src/sandbox/monaco/vite-plugin.ts'
import { webContainerIsolation } from './api/webcontainer-pages.ts'

/**
 * In `astro dev`, mount the same Hono API app as production under /api, so the site and
 * its API share one port and one origin in both modes.
 * @returns {import('astro').AstroIntegration}
 */
function courseApiInDev() {
  return {
    name: 'course-api-in-dev',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const listener = getRequestListener(async (request) => {
          // Loaded through Vite so edits to api/ apply on the next request.
          const { createApi } = await server.ssrLoadModule('/api/app.ts')
          const { Hono } = await server.ssrLoadModule('hono')
          return new Hono().route('/api', createApi({ env: process.env })).fetch(request)
        })
        server.middlewares.use((req, res, next) => {
          if (req.url === '/api' || req.url?.startsWith('/api/')) return listener(req, res)
          next()
        })
      },
    },
  }
}

export default defineConfig({
  // DIST_DIR lets several builds (e.g. parallel test runs) write to separate folders.
  outDir: process.env.DIST_DIR || './dist',
  site: 'https://backend-course.example',
  trailingSlash: 'ignore',
  // webContainerIsolation: COOP/COEP on WebContainer lessons in dev; their list in the build.
  integrations: [mdx(), courseApiInDev(), webContainerIsolation()],
  markdown: {
    // Checks every <Sandbox> tag in the lessons (known name, valid props, listed in frontmatter).
    processor: satteri({ mdastPlugins: [sandboxTagsPlugin()] }),
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
    },
  },
  server: { port: 4321, host: '127.0.0.1' },
  devToolbar: { enabled: false },
  // The sandbox editor: hono/zod/openai… type definitions as lazy chunks; Monaco's CSS loaded with the editor.
  vite: { plugins: [sandboxEditorPlugins()] },
})
