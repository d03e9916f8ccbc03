/**
 * Why a sandbox is not running in a WebContainer, as data (for the runtime choice, tests and
 * the UI) and as words a learner can act on: what happened, why, and what to do next.
 * Never an endless spinner: every way the WebContainer can be unavailable ends in one of
 * these reasons.
 */

export type FallbackReason =
  /** iOS and iPadOS browsers run out of memory under a WebContainer and reload the tab. */
  | { code: 'ios' }
  /** The page is not cross-origin isolated (COOP/COEP headers missing or stripped by a proxy). */
  | { code: 'not-isolated' }
  /** SharedArrayBuffer is missing even though the page may be isolated (old or locked-down browser). */
  | { code: 'no-shared-array-buffer' }
  /** The browser says it is offline; StackBlitz's hosts cannot be reached. */
  | { code: 'offline' }
  /** `WebContainer.boot()` did not finish in time: it never rejects when StackBlitz is unreachable. */
  | { code: 'boot-timeout'; timeoutMs: number }
  /** `WebContainer.boot()` rejected, e.g. because third-party storage for StackBlitz is blocked. */
  | { code: 'boot-failed'; message: string }

export type FallbackCode = FallbackReason['code']

export interface FallbackExplanation {
  /** One line for the runtime indicator: "Running in the browser runtime: …". */
  summary: string
  /** What happened. */
  what: string
  /** Why it happened. */
  why: string
  /** What the learner can do, in order of usefulness. */
  todo: string[]
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`
}

/** Boot rejections that mean the browser kept StackBlitz's iframe from storing anything. */
const STORAGE_BLOCKED = /cookie|storage|third[- ]party|SecurityError|access is denied/i

/**
 * Explains a reason. `fellBack` says whether the sandbox now runs in the worker runtime
 * (it supports it) or cannot run at all (it needs Node).
 */
export function explainFallback(reason: FallbackReason, fellBack: boolean): FallbackExplanation {
  const outcome = fellBack
    ? 'This example runs in the in-browser runtime instead: your code, requests and checks work the same, without a terminal or npm install.'
    : 'This example needs real Node (npm install, node: modules, a terminal), so it cannot run on this page right now.'
  const switchBrowser = 'Open this lesson in a current desktop Chrome, Edge or Firefox.'
  const reload = 'Reload the page to try again.'
  switch (reason.code) {
    case 'ios':
      return {
        summary: 'WebContainers do not run on iOS',
        what: `Node in the browser (a WebContainer) is not started on iPhone and iPad. ${outcome}`,
        why: 'WebContainers need more memory than iOS gives a browser tab; iOS reloads the page when it runs out.',
        todo: [
          switchBrowser,
          'Or run the example on your own machine: the files are shown below, and `npm install && npm run dev` starts it.',
        ],
      }
    case 'not-isolated':
      return {
        summary: 'this page is not cross-origin isolated',
        what: `The browser did not give this page the isolation a WebContainer needs. ${outcome}`,
        why: 'WebContainers need SharedArrayBuffer, which browsers only allow on pages served with the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers. They were missing: a proxy or an old browser may have dropped them.',
        todo: [
          reload,
          switchBrowser,
          'If you run the course yourself, serve it with `npm start` or `npm run dev`, which send these headers on WebContainer lessons.',
        ],
      }
    case 'no-shared-array-buffer':
      return {
        summary: 'this browser has no SharedArrayBuffer',
        what: `This browser does not offer SharedArrayBuffer, which a WebContainer needs. ${outcome}`,
        why: 'Some browsers, versions and enterprise policies turn SharedArrayBuffer off.',
        todo: [switchBrowser],
      }
    case 'offline':
      return {
        summary: 'you are offline',
        what: `The browser reports no network connection, and a WebContainer is started from StackBlitz's servers. ${outcome}`,
        why: "WebContainers download Node's runtime and your npm packages through StackBlitz's hosts.",
        todo: ['Reconnect, then reload the page.'],
      }
    case 'boot-timeout':
      return {
        summary: `could not reach the WebContainer service within ${seconds(reason.timeoutMs)}`,
        what: `Starting Node in the browser did not finish within ${seconds(reason.timeoutMs)}. ${outcome}`,
        why: "WebContainers are started from StackBlitz's hosts (stackblitz.com, *.webcontainer-api.io). They could not be reached: a firewall, a content blocker or a slow network may be in the way.",
        todo: [
          reload,
          'Allow stackblitz.com and webcontainer-api.io in your content blocker or network, or try another network.',
          'On a slow connection, add `?wc-timeout=60000` to the address to wait a full minute.',
        ],
      }
    case 'boot-failed':
      if (STORAGE_BLOCKED.test(reason.message)) {
        return {
          summary: 'this browser blocks third-party cookies for the WebContainer service',
          what: `Node in the browser could not start: ${reason.message} ${outcome}`,
          why: 'WebContainers run in a frame from stackblitz.com that needs to store data; this browser blocks third-party cookies or storage for it.',
          todo: [
            'Allow third-party cookies for this site (or for stackblitz.com), then reload.',
            switchBrowser,
          ],
        }
      }
      return {
        summary: 'the WebContainer failed to start',
        what: `Node in the browser could not start: ${reason.message} ${outcome}`,
        why: 'The WebContainer service reported an error while starting.',
        todo: [reload, switchBrowser],
      }
  }
}
