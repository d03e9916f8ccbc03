/**
 * The toolbar's Share and Download: a link that carries the learner's code in its fragment
 * (nothing is uploaded), or the sandbox as a Node project zip when the code is too large for
 * a link. Their libraries load on first use.
 */
import type { SandboxFiles } from '../runtime.ts'
import type { Notice } from './notice.ts'

export interface ShareInput {
  sandbox: string
  /** The starter's version, so the receiver can tell when it changed since. */
  starter: string
  starterFiles: SandboxFiles
  files: SandboxFiles
  notice: Notice
  /** Offered instead when the link would be too long. */
  download: () => void
}

/** Copies a link that carries the learner's current code in its fragment. */
export async function shareCode(input: ShareInput): Promise<void> {
  const { changedFiles, encodeShare, MAX_SHARE_URL_LENGTH } = await import('../share/share-link.ts')
  const hash = await encodeShare({
    sandbox: input.sandbox,
    starter: input.starter,
    files: changedFiles(input.files, input.starterFiles),
  })
  const url = `${location.origin}${location.pathname}${hash}`
  if (url.length > MAX_SHARE_URL_LENGTH) {
    const text = `Your code is too large for a share link: the link would be ${url.length.toLocaleString('en')} characters, and share links stay under ${MAX_SHARE_URL_LENGTH.toLocaleString('en')} so that browsers and chat apps take them whole. Download it as a project instead.`
    input.notice.show({
      text,
      kind: 'warn',
      actions: [{ label: 'Download', primary: true, run: input.download }],
    })
    return
  }
  const about = `Whoever opens it sees this code (${url.length.toLocaleString('en')} characters; nothing is uploaded, the code is in the link).`
  let copied = false
  try {
    await navigator.clipboard.writeText(url)
    copied = true
  } catch {
    // No clipboard permission (or an insecure page): the field below lets the learner copy it.
  }
  const text = copied ? `Link copied. ${about}` : `Copy this link. ${about}`
  input.notice.show({ text, kind: copied ? 'success' : 'info', field: { label: 'Share link', value: url } })
}

export interface DownloadInput {
  name: string
  title: string
  versions: Record<string, string>
  /** The request panel's request as a curl command, for the project's README. */
  curl: string
  services?: string[]
  /** Every file of the sandbox, with the learner's code. */
  files: SandboxFiles
  notice: Notice
}

/** Downloads the sandbox, with the learner's code, as a Node project (zip). */
export async function downloadProject(input: DownloadInput): Promise<void> {
  const { projectFiles, saveZip, zipProject } = await import('../share/download-project.ts')
  const files = projectFiles(input.files, {
    name: input.name,
    title: input.title,
    versions: input.versions,
    curl: input.curl,
    ...(input.services ? { services: input.services } : {}),
  })
  saveZip(input.name, zipProject(input.name, files))
  const text = `${input.name}.zip is downloading: unzip it, then run npm install && npm run dev (its README says more).`
  input.notice.show({ text, kind: 'success', timeoutMs: 8000 })
}
