/**
 * Rules of HTTP itself that the course server's upstream client and the sandbox code (page,
 * runner, WebContainer relay) each apply when they rebuild a request or a response. In
 * src/shared/ because both sides run it (the server's image carries this folder); no imports,
 * so the browser code bundles it as it is.
 */

/**
 * Statuses whose responses never have a body (the Fetch standard's "null body status"):
 * `new Response(body, { status })` throws for any other body than null.
 */
export const NULL_BODY_STATUS: ReadonlySet<number> = new Set([101, 103, 204, 205, 304])

/** Whether a request with this method may carry a body (`new Request()` refuses one on GET and HEAD). */
export function methodAllowsBody(method: string): boolean {
  return !['GET', 'HEAD'].includes(method.toUpperCase())
}
