/**
 * Share links: a learner's sandbox code carried in the URL fragment, so nothing is stored on a
 * server (the fragment is never sent in a request). The link is
 *
 *   /lessons/<topic>/<lesson>/#share=<sandbox>.<payload>
 *
 * where the payload is base64url of deflate-raw (the browser's own CompressionStream: no
 * library) of `{ "v": 1, "s": <starterVersion>, "f": { path: code } }` holding the editable files
 * that differ from the starter. The sandbox name is outside the payload, so a damaged link still
 * says which sandbox it was for.
 */
import type { SandboxFiles } from '../runtime.ts'
import { SHARE_FRAGMENT } from './share-fragment.ts'

export const SHARE_FORMAT_VERSION = 1

/**
 * The longest link we make. RFC 9110 §4.1 recommends that every sender and recipient support
 * URIs of at least 8000 octets, the one figure a standard gives; browsers take far more
 * (Chromium 2 MB) and chat apps pass such a link whole (Slack and Teams messages hold tens of
 * thousands of characters). Longer code goes out as a zip download instead.
 */
export const MAX_SHARE_URL_LENGTH = 8000

/** A decoded payload never inflates past this, so a crafted link cannot exhaust memory. */
const MAX_DECODED_BYTES = 1_000_000

export interface SharedCode {
  sandbox: string
  /** starterVersion() of the starter the code was written on. */
  starter: string
  /** Editable files the sharer changed (the others are the starter's). */
  files: SandboxFiles
}

/** A link that cannot be made or read; `message` is for the learner. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError'
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_DECODED_BYTES) {
      await reader.cancel()
      throw new ShareLinkError('the code in it is larger than any sandbox (over 1 MB unpacked)')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text))
    throw new ShareLinkError('it contains characters a share link never has')
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/')
  try {
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0))
  } catch {
    throw new ShareLinkError('it is cut short or was changed')
  }
}

/** The fragment (`#share=…`) for this code. */
export async function encodeShare(code: SharedCode): Promise<string> {
  const json = JSON.stringify({ v: SHARE_FORMAT_VERSION, s: code.starter, f: code.files })
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'))
  return `#share=${code.sandbox}.${toBase64Url(packed)}`
}

/**
 * Reads a `#share=` fragment. Throws a ShareLinkError saying what is wrong with it (damaged,
 * from a newer course, not code); the caller shows it and changes nothing.
 */
export async function decodeShare(hash: string): Promise<SharedCode> {
  const match = SHARE_FRAGMENT.exec(hash)
  if (!match) throw new ShareLinkError('it is not a share link of this course')
  const [, sandbox, payload] = match as unknown as [string, string, string]
  if (!payload) throw new ShareLinkError('it has no code in it (the end of the link is missing)')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw')),
    )
  } catch (err) {
    if (err instanceof ShareLinkError) throw err
    throw new ShareLinkError('it is cut short or was changed (its code cannot be unpacked)')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ShareLinkError('it is cut short or was changed (its contents are not readable)')
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (typeof record.v === 'number' && record.v > SHARE_FORMAT_VERSION)
    throw new ShareLinkError('it was made by a newer version of the course; reload the page to get it')
  if (record.v !== SHARE_FORMAT_VERSION || typeof record.s !== 'string' || !isFileMap(record.f))
    throw new ShareLinkError('its contents are not sandbox code')
  return { sandbox, starter: record.s, files: record.f }
}

function isFileMap(value: unknown): value is SandboxFiles {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(([path, text]) => typeof text === 'string' && path.length > 0)
  )
}

/** The editable files that differ from the starter: what a link needs to carry. */
export function changedFiles(files: SandboxFiles, starter: SandboxFiles): SandboxFiles {
  return Object.fromEntries(Object.entries(files).filter(([path, text]) => starter[path] !== text))
}
