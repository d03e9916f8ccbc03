/**
 * What the server-rendered `<course-sandbox>` hands the browser, as JSON in the page: the
 * starter, solution and checks of one sandbox. Shared by Sandbox.astro (writes it) and the
 * custom element (reads it).
 */
import type { Check } from '../checks.ts'
import type { RuntimeKind, SandboxFiles } from '../runtime.ts'
import type { ConfiguredRequest } from './request-model.ts'

export interface SandboxPageData {
  name: string
  title: string
  /** Every starter file, as the runtime needs them. */
  files: SandboxFiles
  /** Editor tabs, in order. */
  shown: string[]
  /** The tab open first. */
  open: string
  runtimes: RuntimeKind[]
  request?: ConfiguredRequest
  /** Path the preview opens, for apps that serve pages. */
  preview?: string
  /** Files that replace starter files to form the solution. */
  solution?: SandboxFiles
  checks?: Check[]
  /** Several apps: service name → entry file (sandbox.json's `services`). */
  services?: Record<string, string>
  /** Dependency → the exact version the course runs it with, for the downloaded project. */
  versions?: Record<string, string>
}

/** Files a learner edits (and that are saved): the shown ones, plus any the solution changes. */
export function editablePaths(data: Pick<SandboxPageData, 'shown' | 'solution'>): string[] {
  return [...new Set([...data.shown, ...Object.keys(data.solution ?? {})])]
}

export function languageOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
  const byExt: Record<string, string> = {
    ts: 'typescript',
    tsx: 'typescript',
    mts: 'typescript',
    cts: 'typescript',
    js: 'javascript',
    jsx: 'javascript',
    mjs: 'javascript',
    cjs: 'javascript',
    html: 'html',
    css: 'css',
    md: 'markdown',
    json: 'json',
  }
  return byExt[ext] ?? 'plaintext'
}
