// @ts-check
import { defineConfig } from 'astro/config'
import mdx from '@astrojs/mdx'
import { satteri } from '@astrojs/markdown-satteri'
import { getRequestListener, serve } from '@hono/node-server'
import { sandboxTagsPlugin } from './src/build/mdx/sandbox-tags-plugin.ts'
import { quizTagsPlugin } from './src/build/mdx/quiz-tags-plugin.ts'
import { diagramPlugin } from './src/build/mdx/diagram-plugin.ts'
import { sandboxEditorPlugins } from './src/build/vite/sandbox-editor-plugins.ts'
import { webContainerIsolation } from './server/webcontainer-pages.ts'
import { courseContentCheck } from './src/course/content-check.ts'
import { CODE_THEMES } from './src/code-theme/code-themes.ts'
import { distDir, readSiteOrigin } from './api/config.ts'

/**
 * In `astro dev`, the same two origins as `npm start`: the Hono API under /api (so the site and
 * its API share one port and one origin in both modes) and the sandbox origin
 * (server/sandbox-origin.ts), whose files are built into .astro/sandbox-origin/ (again whenever
 * src/sandbox/ changes) and served on SANDBOX_PORT (default: the dev port + 1). Both follow the
 * port the dev server really listens on (`npm run dev -- --port 4400`), known once it listens:
 * the API waits for it, so /api/runtime-config and the AI proxy's allowed origins name the
 * sandbox origin that is actually served.
 * @returns {import('astro').AstroIntegration}
 */
function courseServersInDev() {
  return {
    name: 'course-servers-in-dev',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const load = (/** @type {string} */ path) => server.ssrLoadModule(path)
        /** readSandboxConfig's answer for the dev server's port, once it listens. */
        const sandboxConfig = /** @type {PromiseWithResolvers<any>} */ (Promise.withResolvers())
        // A bad setting is logged when it is read; API requests then answer 500.
        sandboxConfig.promise.catch(() => {})

        const api = getRequestListener(async (request) => {
          // Loaded through Vite so edits to api/ apply on the next request.
          const { createApi } = await load('/api/app.ts')
          const { Hono } = await load('hono')
          const sandbox = await sandboxConfig.promise
          return new Hono().route('/api', createApi({ env: process.env, sandbox })).fetch(request)
        })
        server.middlewares.use((req, res, next) => {
          if (req.url === '/api' || req.url?.startsWith('/api/')) return api(req, res)
          next()
        })

        /** @type {{ fetch: (request: Request) => Response | Promise<Response> } | undefined} */
        let sandboxApp
        /** @type {any} */
        let config
        const build = async () => {
          const { buildSandboxOrigin } = await load('/scripts/build-sandbox-origin.ts')
          const { createSandboxOrigin } = await load('/server/sandbox-origin.ts')
          await buildSandboxOrigin({
            outDir: config.distDir,
            minify: false,
            precompress: false,
            log: (/** @type {string} */ line) => logger.info(line),
          })
          sandboxApp = createSandboxOrigin({ dir: config.distDir, courseOrigins: config.courseOrigins })
        }

        server.httpServer?.once('listening', async () => {
          const address = server.httpServer?.address()
          const port = typeof address === 'object' && address ? address.port : 4321
          const host = typeof server.config.server.host === 'string' ? server.config.server.host : '127.0.0.1'
          try {
            const { readSandboxConfig } = await load('/api/config.ts')
            config = {
              ...readSandboxConfig(process.env, { port, host, distDir: 'dist' }),
              distDir: '.astro/sandbox-origin',
            }
          } catch (err) {
            logger.error(`Sandbox origin settings: ${/** @type {Error} */ (err).message}`)
            sandboxConfig.reject(err)
            return
          }
          sandboxConfig.resolve(config)
          try {
            await build()
          } catch (err) {
            logger.error(`Building the sandbox origin failed: ${/** @type {Error} */ (err).message}`)
          }
          const sandboxServer = serve(
            {
              fetch: (request) =>
                sandboxApp ? sandboxApp.fetch(request) : new Response('Building…', { status: 503 }),
              port: config.port,
              hostname: host,
            },
            (info) => logger.info(`sandboxes on http://${host}:${info.port}/ (the sandbox origin)`),
          )
          server.httpServer?.once('close', () => sandboxServer.close())
        })

        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let pending
        server.watcher.on('change', (file) => {
          if (!config || !file.includes('/src/sandbox/') || file.endsWith('.test.ts')) return
          clearTimeout(pending)
          pending = setTimeout(
            () =>
              build().catch((err) => logger.error(`Rebuilding the sandbox origin failed: ${err.message}`)),
            200,
          )
        })
      },
    },
  }
}

export default defineConfig({
  // api/config.ts distDir(): DIST_DIR, dist/, or dist-test/ for a build with the test-only pages.
  outDir: distDir(process.env),
  // The course's public URL for canonical links, sitemap.xml and llms.txt: the first COURSE_ORIGIN at build time (api/config.ts).
  site: readSiteOrigin(process.env),
  trailingSlash: 'ignore',
  // webContainerIsolation: COOP/COEP on WebContainer lessons in dev; their list in the build.
  // courseContentCheck: the content rules of check:content, before anything is built.
  integrations: [courseContentCheck(), mdx(), courseServersInDev(), webContainerIsolation()],
  markdown: {
    // Checks every <Sandbox> tag in the lessons (known name, valid props, listed in frontmatter)
    // and every <Quiz> (the QUIZ contract), and renders ```mermaid fences to inline SVG (the
    // DIAGRAM contract), failing the build with the file and line.
    processor: satteri({ mdastPlugins: [sandboxTagsPlugin(), quizTagsPlugin(), diagramPlugin()] }),
    shikiConfig: {
      // GitHub's themes with every colour at WCAG AA on the code background (src/code-theme/).
      themes: CODE_THEMES,
      defaultColor: false,
    },
  },
  server: { port: 4321, host: '127.0.0.1' },
  devToolbar: { enabled: false },
  // The sandbox editor: hono/zod/openai… type definitions as lazy chunks; Monaco's CSS loaded with the editor.
  vite: { plugins: [sandboxEditorPlugins()] },
})
