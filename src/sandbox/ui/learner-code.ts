/**
 * The learner's code in one sandbox: what the editor opens with (a share link's code, their
 * saved code, or the starter), saving it as they type, Reset, Solve and Undo, a starter that
 * changed under their edits, and code opened from a share link, which is never saved over
 * their own until they choose to keep it. No action silently loses code: whatever Reset, Solve,
 * a new starter or keeping shared code replaces stays one Undo away (see persistence.ts).
 */
import { EditStore, sameFiles } from '../persistence.ts'
import type { SandboxFiles } from '../runtime.ts'
import { sharedSandboxName } from '../share/share-fragment.ts'
import type { SharedCode } from '../share/share-link.ts'
import type { EditorPane } from './editor-pane.ts'
import type { Notice } from './notice.ts'
import { editablePaths, type SandboxPageData } from './sandbox-data.ts'
import { ShareBanner } from './share-banner.ts'

/** What a share link in the page's URL brought for this sandbox: code, or why it cannot be read. */
export type SharedOpen = { code: SharedCode } | { error: string }

export interface LearnerCodeOptions {
  root: HTMLElement
  data: SandboxPageData
  shared?: SharedOpen | undefined
  notice: Notice
  announce: (text: string) => void
  /** Creates the editor with the files it opens with. */
  openEditor: (files: SandboxFiles) => EditorPane
}

function pick(files: SandboxFiles, paths: string[]): SandboxFiles {
  return Object.fromEntries(paths.map((p) => [p, files[p] ?? '']))
}

export class LearnerCode {
  readonly editor: EditorPane
  readonly store: EditStore
  /** The files the learner can edit, as the author wrote them. */
  readonly starter: SandboxFiles
  readonly #root: HTMLElement
  readonly #data: SandboxPageData
  readonly #notice: Notice
  readonly #announce: (text: string) => void
  #saveTimer: ReturnType<typeof setTimeout> | undefined
  /** A reload or a closed tab inside the save delay would lose the last keys: save them first. */
  readonly #saveBeforeLeaving = () => {
    if (this.#saveTimer !== undefined) this.#save()
  }
  readonly #saveWhenHidden = () => {
    if (document.visibilityState === 'hidden') this.#saveBeforeLeaving()
  }
  /** The shared code (with the learner's unsaved edits to it) while a share link is open. */
  #shared: SandboxFiles | undefined
  #viewingShared = false
  #banner: ShareBanner | undefined

  constructor(options: LearnerCodeOptions) {
    const { root, data, shared } = options
    this.#root = root
    this.#data = data
    this.#notice = options.notice
    this.#announce = options.announce
    const tabs = editablePaths(data)
    this.starter = pick(data.files, tabs)
    this.store = new EditStore(data.name, this.starter)
    const saved = this.store.load()
    if (shared && 'code' in shared) {
      const files = shared.code.files
      this.#shared = {
        ...this.starter,
        ...pick(
          files,
          tabs.filter((p) => p in files),
        ),
      }
      this.#viewingShared = true
    }
    this.editor = options.openEditor(this.#shared ?? saved?.files ?? this.starter)
    addEventListener('pagehide', this.#saveBeforeLeaving)
    document.addEventListener('visibilitychange', this.#saveWhenHidden)

    if (shared) this.#openShared(shared)
    else if (saved?.stale) this.#offerNewStarter()
    else this.#offerUndoAfterReload()
    this.#showSaveStatus(
      this.#viewingShared ? 'Shared code, not saved' : saved ? 'Your saved code' : 'Starter code',
    )
  }

  /** Whether the editor shows code from a share link (not saved) rather than the learner's own. */
  get viewingShared(): boolean {
    return this.#viewingShared
  }

  /** The editor changed: save shortly after the learner stops typing. */
  edited(): void {
    this.#cancelSave()
    this.#saveTimer = setTimeout(() => this.#save(), 300)
  }

  reset(): void {
    this.#replaceCode(this.starter, 'Reset', 'Your code was replaced by the starter.')
  }

  solve(): void {
    const solution = this.#solution()
    if (!solution) return
    this.#replaceCode(
      solution,
      'Solve',
      'The solution is in the editor: read it, run it, compare it with yours.',
    )
  }

  /** Brings back the code the last Reset, Solve, starter update or kept shared code replaced. */
  undo(): void {
    const snapshot = this.store.undoSnapshot()
    if (!snapshot) return
    this.editor.replaceFiles(pick(snapshot.files, Object.keys(this.starter)))
    this.store.dropUndo()
    this.#save()
    this.#notice.show({ text: 'Your code is back.', kind: 'success', timeoutMs: 4000 })
  }

  dispose(): void {
    this.#saveBeforeLeaving()
    removeEventListener('pagehide', this.#saveBeforeLeaving)
    document.removeEventListener('visibilitychange', this.#saveWhenHidden)
  }

  #solution(): SandboxFiles | undefined {
    const solution = this.#data.solution
    return solution && { ...this.starter, ...pick(solution, Object.keys(solution)) }
  }

  #cancelSave() {
    clearTimeout(this.#saveTimer)
    this.#saveTimer = undefined
  }

  #save() {
    this.#cancelSave()
    const files = this.editor.getFiles()
    if (this.#viewingShared) {
      // Someone else's code: kept on this page only, never over the learner's saved code.
      this.#shared = files
      this.#showSaveStatus('Shared code, not saved')
      return
    }
    const ok = this.store.save(files)
    this.#showSaveStatus(
      !ok
        ? 'Not saved: this browser blocks storage'
        : sameFiles(files, this.starter)
          ? 'Starter code'
          : 'Saved in this browser',
    )
  }

  #showSaveStatus(text: string) {
    const el = this.#root.querySelector<HTMLElement>('[data-save-status]')
    if (el) el.textContent = text
  }

  #replaceCode(files: SandboxFiles, action: string, message: string) {
    const current = this.editor.getFiles()
    if (sameFiles(current, files)) {
      this.#notice.show({
        text:
          action === 'Reset' ? 'This is already the starter code.' : 'The solution is already in the editor.',
        timeoutMs: 4000,
      })
      return
    }
    if (this.#viewingShared) {
      // The stored undo snapshot belongs to the learner's own code; the editor's Ctrl+Z has this one.
      this.editor.replaceFiles(files)
      this.#save()
      this.#notice.show({ text: `${message} Ctrl+Z brings the shared code back.`, timeoutMs: 6000 })
      return
    }
    this.store.keepForUndo(current, action)
    this.editor.replaceFiles(files)
    this.#save()
    this.#notice.show({ text: message, actions: [{ label: 'Undo', primary: true, run: () => this.undo() }] })
  }

  /** The starter changed since the learner saved: let them choose, never overwrite silently. */
  #offerNewStarter() {
    this.#notice.show({
      text: 'The starter code of this sandbox was updated since you last edited it. Your code is still here.',
      kind: 'warn',
      actions: [
        {
          label: 'Keep my code',
          primary: true,
          run: () => void this.store.acceptStarter(this.editor.getFiles()),
        },
        {
          label: 'Use the new starter',
          run: () => this.#replaceCode(this.starter, 'New starter', 'The new starter code is in the editor.'),
        },
      ],
    })
  }

  /** A reload right after Reset or Solve still offers the way back. */
  #offerUndoAfterReload() {
    const snapshot = this.store.undoSnapshot()
    const current = this.editor.getFiles()
    if (!snapshot || sameFiles(snapshot.files, current)) return
    const solution = this.#solution()
    if (!sameFiles(current, this.starter) && !(solution && sameFiles(current, solution))) return
    this.#notice.show({
      text: `Your code from before ${snapshot.action} is kept.`,
      actions: [{ label: 'Bring it back', primary: true, run: () => this.undo() }],
    })
  }

  // ── code from a share link ──

  #openShared(shared: SharedOpen) {
    this.#notice.hide() // "Opening the code shared with you…" from <course-sandbox>
    this.#banner = new ShareBanner(this.#root.querySelector('[data-notice]')!, {
      showOwn: () => this.#showOwnCode(),
      showShared: () => this.#showSharedCode(),
      keepShared: () => this.#keepSharedCode(),
      close: () => this.#closeShared(),
    })
    if ('error' in shared) {
      this.#banner.show({ view: 'error', reason: shared.error })
      this.#announce(`This share link cannot be opened: ${shared.error}. Your code is unchanged.`)
      return
    }
    const notes: string[] = []
    if (shared.code.starter !== this.store.version)
      notes.push(
        'It was written on an earlier starter of this sandbox: files the sharer did not change are the current starter’s.',
      )
    const ignored = Object.keys(shared.code.files).filter((path) => !(path in this.starter))
    if (ignored.length) notes.push(`Left out, as this sandbox has no such file: ${ignored.join(', ')}.`)
    this.#banner.show({ view: 'shared', notes })
    this.#announce('Showing code shared with you. Your own code is kept.')
  }

  /** The learner's own code: what is saved, or the starter. */
  #ownFiles(): SandboxFiles {
    return this.store.load()?.files ?? this.starter
  }

  #showOwnCode() {
    if (!this.#viewingShared) return
    this.#save()
    this.#viewingShared = false
    this.editor.replaceFiles(this.#ownFiles())
    this.#cancelSave()
    this.#showSaveStatus(this.store.load() ? 'Your saved code' : 'Starter code')
    this.#banner?.show({ view: 'own' })
    this.#announce('Showing your code. The shared code is one click away.')
  }

  #showSharedCode() {
    if (this.#viewingShared || !this.#shared) return
    this.#save()
    this.#viewingShared = true
    this.editor.replaceFiles(this.#shared)
    this.#cancelSave()
    this.#showSaveStatus('Shared code, not saved')
    this.#banner?.show({ view: 'shared', notes: [] })
    this.#announce('Showing the shared code. Your own code is kept.')
  }

  /** The shared code becomes the learner's saved code; what it replaces stays one Undo away. */
  #keepSharedCode() {
    if (!this.#viewingShared) return
    const own = this.#ownFiles()
    const shared = this.editor.getFiles()
    const replaces = !sameFiles(own, this.starter) && !sameFiles(own, shared)
    if (replaces) this.store.keepForUndo(own, 'keeping the shared code')
    this.#viewingShared = false
    this.#save()
    this.#closeShared()
    const text = replaces
      ? 'The shared code is now your saved code. Your previous code is kept.'
      : 'The shared code is now your saved code.'
    this.#notice.show({
      text,
      kind: 'success',
      ...(replaces
        ? { actions: [{ label: 'Undo', primary: true, run: () => this.undo() }] }
        : { timeoutMs: 5000 }),
    })
    this.#announce(text)
  }

  /** Back to the learner's own code, the banner gone and the link's fragment off the address. */
  #closeShared() {
    if (this.#viewingShared) this.#showOwnCode()
    this.#shared = undefined
    this.#banner?.remove()
    this.#banner = undefined
    if (sharedSandboxName(location.hash) === this.#data.name)
      history.replaceState(history.state, '', `${location.pathname}${location.search}`)
    this.#announce('Shared code closed.')
  }
}
