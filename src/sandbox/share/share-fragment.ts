/**
 * The shape of a share link's fragment, `#share=<sandbox>.<payload>` (share-link.ts makes and
 * reads the payload). Kept apart so `<course-sandbox>`, on every lesson page, can tell whether
 * the page was opened with a share link without loading the codec.
 */
export const SHARE_FRAGMENT = /^#share=([a-z0-9]+(?:-[a-z0-9]+)*)\.(.*)$/s

/** The sandbox a fragment shares code for, or undefined when it is no share link. */
export function sharedSandboxName(hash: string): string | undefined {
  return SHARE_FRAGMENT.exec(hash)?.[1]
}
