/**
 * The browser runtime's stand-in for `@hono/node-server`. There is no server to start in the
 * browser: the runtime sends every request to the app's default export (`app.fetch`). So
 * `serve()` only says so, instead of failing, for apps that call it in src/app.ts.
 */
interface ServeOptions {
  fetch: (request: Request) => Response | Promise<Response>
  port?: number
}

export function serve(
  options: ServeOptions,
  listener?: (info: { address: string; family: string; port: number }) => void,
) {
  console.info(
    'serve() starts no server in the browser runtime: requests go to the default export of src/app.ts.',
  )
  const info = { address: '127.0.0.1', family: 'IPv4', port: options.port ?? 3000 }
  listener?.(info)
  return { close: (callback?: () => void) => callback?.(), address: () => info, on: () => undefined }
}

function nodeOnly(name: string) {
  return () => {
    throw new Error(`${name}() needs Node.js; the browser runtime calls your app's fetch directly.`)
  }
}

export const createAdaptorServer = nodeOnly('createAdaptorServer')
export const getRequestListener = nodeOnly('getRequestListener')
