/**
 * The live sandbox, loaded lazily by `<course-sandbox>`: wires the editor, toolbar, request
 * panel, console, preview and checks to one runtime, and keeps the learner's code in the
 * browser. Everything here talks to `SandboxRuntime` only, so the worker runtime and the
 * WebContainer runtime look the same to it.
 */
import { runChecks, type CheckResult } from '../checks.ts'
import { EditStore, sameFiles } from '../persistence.ts'
import type { LogEntry, RuntimeStatus, SandboxFiles, SandboxRuntime, ServiceState } from '../runtime.ts'
import type { TerminalSource } from './terminal-panel.ts'
import { ChecksPanel } from './checks-panel.ts'
import { hintBox, lessonOnPage } from './hint-box.ts'
import { hintForCheck, hintForConsoleError, learnerFiles, type HintSource } from '../tutor/hint-context.ts'
import { ConsolePanel } from './console-panel.ts'
import { DataPanel } from './data-panel.ts'
import { LoadPanel } from './load-panel.ts'
import { isRuntimeError } from '../runtime.ts'
import { summarize, toCurl, toRequest } from './request-model.ts'
import type { DatabaseCall } from '../protocol.ts'
import { hasDatabase } from '../database.ts'
import { applySiteTheme, EditorPane } from './editor-pane.ts'
import { watchSiteTheme } from './site-theme.ts'
import { Notice } from './notice.ts'
import { PreviewPane } from './preview-pane.ts'
import { recordExercisePassed } from './progress.ts'
import { LOCAL_ORIGIN } from './request-model.ts'
import { RequestPanel } from './request-panel.ts'
import { createRuntime, decideRuntime } from './runtime-connection.ts'
// WebContainer runtime: fallback to the browser runtime, the Node-needed panel, the
// runtime switch and the Terminal tab. Kept to the marked "WebContainer" blocks below.
import {
  chooseRuntime,
  detectCapabilities,
  fallBackAfterBoot,
  type RuntimeChoice,
} from '../runtime-choice.ts'
import type { RuntimeKind } from '../runtime.ts'
import {
  fallbackNotice,
  isWebContainerUnavailable,
  renderRuntimeSwitch,
  RUNTIME_LABELS,
  showUnavailablePanel,
  warmUpWebContainer,
} from '../webcontainer/runtime-ui.ts'
import { editablePaths, type SandboxPageData } from './sandbox-data.ts'
import { Splitter } from './split.ts'
import { ShareBanner } from './share-banner.ts'
import { sharedSandboxName } from '../share/share-fragment.ts'
import type { SharedCode } from '../share/share-link.ts'
import { selectTab, wireTabs } from './tabs.ts'

type OutputKey = 'request' | 'console' | 'preview' | 'checks' | 'data' | 'load'

const STATE_LABELS: Record<RuntimeStatus['state'], string> = {
  idle: 'Ready to run',
  booting: 'Starting…',
  installing: 'Installing…',
  starting: 'Starting…',
  running: 'Running',
  stopped: 'Stopped',
  crashed: 'Crashed',
}

function pick(files: SandboxFiles, paths: string[]): SandboxFiles {
  return Object.fromEntries(paths.map((p) => [p, files[p] ?? '']))
}

/** What a share link in the page's URL brought for this sandbox: code, or why it cannot be read. */
export type SharedOpen = { code: SharedCode } | { error: string }

export class LiveSandbox {
  readonly root: HTMLElement
  readonly data: SandboxPageData
  readonly editor: EditorPane
  readonly store: EditStore
  readonly console: ConsolePanel
  readonly request: RequestPanel
  readonly preview: PreviewPane | undefined
  readonly checks: ChecksPanel | undefined
  readonly dataPanel: DataPanel | undefined
  readonly load: LoadPanel | undefined
  /** During a load run the app's logs are sampled: counts of what was seen and shown. */
  #loadLogs: { seen: number; shown: number; lastShown: number } | undefined
  readonly #notice: Notice
  readonly #starter: SandboxFiles
  readonly #outputTabs: HTMLElement
  readonly #splitter: Splitter
  #runtime: SandboxRuntime | undefined
  #runtimeLoading: Promise<SandboxRuntime> | undefined
  #starting: Promise<boolean> | undefined
  #status: RuntimeStatus = { state: 'idle' }
  #previewUrl: string | undefined
  #editVersion = 0
  #runVersion = -1
  #saveTimer: ReturnType<typeof setTimeout> | undefined
  #unsubscribe: (() => void)[] = []
  /** WebContainer: the runtime decided for this sandbox, and what to undo when the runtime is replaced. */
  #choice: RuntimeChoice
  #runtimeCleanup: (() => void)[] = []
  /** Share link: the shared code (with the learner's unsaved edits to it) while it is open. */
  #shared: SandboxFiles | undefined
  #viewingShared = false
  #banner: ShareBanner | undefined

  constructor(root: HTMLElement, data: SandboxPageData, shared?: SharedOpen) {
    this.root = root
    this.data = data
    const tabs = editablePaths(data)
    this.#starter = pick(data.files, tabs)
    this.store = new EditStore(data.name, this.#starter)
    const saved = this.store.load()
    this.#notice = new Notice(
      root.querySelector('[data-notice]')!,
      (text) => this.announce(text),
      () => root.querySelector<HTMLElement>('[data-action="run"]'),
    )
    const sharedFiles =
      shared && 'code' in shared
        ? {
            ...this.#starter,
            ...pick(
              shared.code.files,
              tabs.filter((p) => p in shared.code.files),
            ),
          }
        : undefined
    this.#shared = sharedFiles
    this.#viewingShared = sharedFiles !== undefined

    this.editor = new EditorPane(root, {
      instanceId: root.id || `sbx-${data.name}`,
      files: sharedFiles ?? saved?.files ?? this.#starter,
      tabs,
      open: data.open,
      onChange: () => this.#edited(),
      onRun: () => void this.run({ sendAfter: true }),
      onHelp: () => this.#help(),
    })

    this.#outputTabs = root.querySelector('[data-output-tabs]')!
    wireTabs(this.#outputTabs, (tab) => {
      selectTab(this.#outputTabs, tab)
      if (tab.dataset.output === 'data') void this.dataPanel?.refresh()
      if (tab.dataset.output === 'load') this.load?.describeTarget()
    })
    const tab = (key: OutputKey) => this.#outputTabs.querySelector<HTMLElement>(`[data-output="${key}"]`)
    const panel = (key: OutputKey) => root.querySelector<HTMLElement>(`[data-panel="${key}"]`)

    this.console = new ConsolePanel(
      panel('console')!,
      tab('console'),
      (file, line, column) => this.editor.reveal(file, line, column),
      data.checks ? (entry) => this.#hintOnError(entry) : undefined,
    )
    this.request = new RequestPanel(panel('request')!, {
      name: data.name,
      send: (request) => this.fetch(request),
      announce: (text) => this.announce(text),
    })
    this.preview = data.preview ? new PreviewPane(panel('preview')!, data.title) : undefined
    this.checks = data.checks
      ? new ChecksPanel(panel('checks')!, tab('checks'), {
          run: () => this.runChecks(),
          onAllPassed: () => recordExercisePassed(location.pathname, data.name),
          announce: (text) => this.announce(text),
          hint: (result) =>
            hintBox({
              request: (attempt, previous) => hintForCheck(this.#hintSource(), result, attempt, previous),
              solve: data.solution ? () => this.solve() : undefined,
              announce: (text) => this.announce(text),
            }),
        })
      : undefined

    const dataPanel = panel('data')
    this.dataPanel = dataPanel
      ? new DataPanel(dataPanel, {
          call: (call) => this.database(call),
          confirmReset: () => this.#confirmResetData(),
          announce: (text) => this.announce(text),
        })
      : undefined

    const loadPanel = panel('load')
    this.load = loadPanel
      ? new LoadPanel(loadPanel, {
          request: () => ({
            request: toRequest(this.request.draft, LOCAL_ORIGIN),
            label: summarize(this.request.draft),
          }),
          ready: () => this.ensureCurrent(),
          fetch: (request) => this.#runtime!.fetch(request),
          isRuntimeError,
          announce: (text) => this.announce(text),
          onRun: (running) => this.#sampleLogs(running),
        })
      : undefined

    this.#splitter = new Splitter(root, () => this.editor.layout())
    this.#wireToolbar()
    this.#wireTheme()

    if (shared) this.#openShared(shared)
    else if (saved?.stale) this.#offerNewStarter()
    else this.#offerUndoAfterReload()
    this.#showSaveStatus(
      this.#viewingShared ? 'Shared code, not saved' : saved ? 'Your saved code' : 'Starter code',
    )

    // WebContainer: say at once which runtime will run this sandbox, or why none can.
    this.#choice = decideRuntime(data)
    this.#showChoice()
  }

  /** What a hint may see: the lesson, the console, the learner's files (never the solution's). */
  #hintSource(): HintSource {
    return {
      sandbox: this.data.name,
      lesson: lessonOnPage(),
      files: learnerFiles(this.editor.getFiles(), this.data.solution),
      console: this.console.entries,
    }
  }

  /** A hint on a console error streams into the checks panel, like a check's. */
  #hintOnError(entry: LogEntry): void {
    if (!this.checks) return
    const box = hintBox({
      request: (attempt, previous) => hintForConsoleError(this.#hintSource(), entry, attempt, previous),
      solve: this.data.solution ? () => this.solve() : undefined,
      announce: (text) => this.announce(text),
    })
    this.checks.showHint(box)
    this.showOutput('checks')
    box.querySelector<HTMLButtonElement>('[data-action="ask-hint"]')?.click()
  }

  /** Which output panel is showing. */
  get output(): OutputKey {
    return (this.#outputTabs.querySelector<HTMLElement>('[aria-selected="true"]')?.dataset.output ??
      'request') as OutputKey
  }

  showOutput(key: OutputKey): void {
    const tab = this.#outputTabs.querySelector<HTMLElement>(`[data-output="${key}"]`)
    if (tab) selectTab(this.#outputTabs, tab)
  }

  get status(): RuntimeStatus {
    return this.#status
  }

  /** Every file the runtime needs: the starter with the learner's code over it. */
  files(): SandboxFiles {
    return { ...this.data.files, ...this.editor.getFiles() }
  }

  /**
   * (Re)starts the app with the current code. With `sendAfter` (the Run button), the request
   * panel's request is sent once it runs, so the learner sees an answer right away.
   */
  run(options: { sendAfter?: boolean } = {}): Promise<boolean> {
    const previous = this.#starting ?? Promise.resolve(true)
    const previewLoads = this.preview?.loads
    const started = previous.then(() => this.#start())
    this.#starting = started
    void started.finally(() => {
      if (this.#starting === started) this.#starting = undefined
    })
    return started.then(async (ok) => {
      if (ok && options.sendAfter) {
        if (this.output === 'request') await this.request.send()
        // Starting loads the preview already; load it only if this start did not (same code).
        else if (this.output === 'preview' && this.preview?.loads === previewLoads) this.preview?.reload()
      }
      return ok
    })
  }

  /** The app as the editor shows it: starts or restarts it when the code changed since the last run. */
  async ensureCurrent(): Promise<boolean> {
    if (this.#starting) await this.#starting
    if (this.#status.state === 'running' && this.#runVersion === this.#editVersion) return true
    return this.run()
  }

  async fetch(request: Request): Promise<Response> {
    if (!(await this.ensureCurrent())) {
      throw new Error('Your app did not start, so nothing could answer. The Console tab says why.')
    }
    return this.#runtime!.fetch(request)
  }

  async runChecks(): Promise<CheckResult[]> {
    // A sandbox with a database is checked against a freshly seeded one, never the learner's data.
    const fresh = hasDatabase(this.data.files)
    if (!(await (fresh ? this.#startFresh() : this.ensureCurrent())))
      throw new Error('your app did not start (the Console tab says why)')
    const runtime = this.#runtime!
    // Checks talk to the first service, whichever the learner picked for requests.
    const picked = runtime.service
    runtime.service = undefined
    try {
      return await runChecks(this.data.checks ?? [], (request) => runtime.fetch(request), {
        baseUrl: LOCAL_ORIGIN,
      })
    } finally {
      runtime.service = picked
      // The next request restarts the app on the learner's own database.
      if (fresh) this.#runVersion = -1
    }
  }

  async #startFresh(): Promise<boolean> {
    if (this.#starting) await this.#starting.catch(() => false)
    const runtime = await this.#ensureRuntime()
    try {
      await runtime.start(this.files(), { freshDatabase: true })
      return true
    } catch {
      return false
    }
  }

  async stop(): Promise<void> {
    await this.#runtime?.stop()
  }

  /** A call to the sandbox's database; its schema and seed are the editor's db/*.sql. */
  async database<T>(call: DatabaseCall): Promise<T> {
    const runtime = await this.#ensureRuntime()
    if (!runtime.database) throw new Error('The Data panel needs the browser runtime (Runs in your browser).')
    return runtime.database<T>(this.files(), call)
  }

  /**
   * The app's logs go to the console; during a load run only a sample does (the first 20, then
   * one a second), so thousands of requests cannot bury the console, and a line says how many.
   */
  #log(entry: LogEntry) {
    const sample = this.#loadLogs
    if (!sample || entry.source === 'system') return this.console.add(entry)
    sample.seen++
    if (sample.shown < 20 || entry.time - sample.lastShown >= 1000) {
      sample.shown++
      sample.lastShown = entry.time
      this.console.add(entry)
    }
  }

  #sampleLogs(running: boolean) {
    if (running) {
      this.#loadLogs = { seen: 0, shown: 0, lastShown: 0 }
      return
    }
    const sample = this.#loadLogs
    this.#loadLogs = undefined
    if (sample && sample.seen > sample.shown)
      this.console.add({
        level: 'info',
        message: `The app logged ${sample.seen} lines during the load run; ${sample.shown} are shown (the first 20, then one a second).`,
        time: Date.now(),
        source: 'system',
      })
  }

  /** Several services: the target picker, each one's state, Stop/Start per service. */
  #wireServices(runtime: SandboxRuntime) {
    const bar = this.root.querySelector<HTMLElement>('[data-services]')
    if (!bar || !runtime.onServices || !runtime.setService) return
    const setService = runtime.setService.bind(runtime)
    const target = bar.querySelector<HTMLSelectElement>('[data-service-target]')!
    const pick = () => (runtime.service = target.value)
    pick()
    target.addEventListener('change', pick)
    const labels: Partial<Record<ServiceState, string>> = {
      idle: 'not running',
      starting: 'starting…',
      running: 'running',
      stopped: 'stopped',
      crashed: 'crashed',
    }
    const show = (services: Record<string, ServiceState>) => {
      for (const item of bar.querySelectorAll<HTMLElement>('[data-service]')) {
        const name = item.dataset.service!
        const state = services[name] ?? 'idle'
        item.dataset.state = state
        item.querySelector('[data-service-state]')!.textContent = labels[state] ?? state
        const toggle = item.querySelector<HTMLButtonElement>('[data-service-toggle]')!
        const running = state === 'running' || state === 'starting'
        toggle.textContent = running ? 'Stop' : 'Start'
        toggle.setAttribute('aria-label', `${running ? 'Stop' : 'Start'} ${name}`)
        toggle.disabled = state === 'idle' && this.#runVersion < 0
      }
    }
    const onToggle = (event: Event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('[data-service-toggle]')
      const name = button?.closest<HTMLElement>('[data-service]')?.dataset.service
      if (!button || !name) return
      const action = button.textContent === 'Stop' ? 'stop' : 'start'
      button.disabled = true
      void setService(name, action)
        .then(() => this.announce(`${name} ${action === 'stop' ? 'stopped' : 'started'}.`))
        .catch((err: Error) => this.#notice.show({ text: err.message, kind: 'error' }))
    }
    bar.addEventListener('click', onToggle)
    this.#runtimeCleanup.push(
      runtime.onServices(show),
      () => bar.removeEventListener('click', onToggle),
      () => target.removeEventListener('change', pick),
    )
  }

  /** Reset data drops every table: the learner confirms first (their code is not touched). */
  #confirmResetData(): Promise<boolean> {
    return new Promise((resolve) => {
      this.#notice.show({
        text: 'Reset data? Every table is dropped and created again from db/schema.sql and db/seed.sql. Your code stays as it is.',
        kind: 'warn',
        actions: [
          { label: 'Reset data', primary: true, run: () => resolve(true) },
          { label: 'Cancel', run: () => resolve(false) },
        ],
      })
    })
  }

  reset(): void {
    this.#replaceCode(this.#starter, 'Reset', 'Your code was replaced by the starter.')
  }

  solve(): void {
    if (!this.data.solution) return
    const solution = { ...this.#starter, ...pick(this.data.solution, Object.keys(this.data.solution)) }
    this.#replaceCode(
      solution,
      'Solve',
      'The solution is in the editor: read it, run it, compare it with yours.',
    )
  }

  /** Brings back the code the last Reset, Solve or starter update replaced. */
  undo(): void {
    const snapshot = this.store.undoSnapshot()
    if (!snapshot) return
    this.editor.replaceFiles(pick(snapshot.files, Object.keys(this.#starter)))
    this.store.dropUndo()
    this.#save()
    this.#notice.show({ text: 'Your code is back.', kind: 'success', timeoutMs: 4000 })
  }

  // ── share link and download ──

  /** Copies a link that carries the learner's current code in its fragment. */
  async share(): Promise<void> {
    const { changedFiles, encodeShare, MAX_SHARE_URL_LENGTH } = await import('../share/share-link.ts')
    const hash = await encodeShare({
      sandbox: this.data.name,
      starter: this.store.version,
      files: changedFiles(this.editor.getFiles(), this.#starter),
    })
    const url = `${location.origin}${location.pathname}${hash}`
    if (url.length > MAX_SHARE_URL_LENGTH) {
      const text = `Your code is too large for a share link: the link would be ${url.length.toLocaleString('en')} characters, and share links stay under ${MAX_SHARE_URL_LENGTH.toLocaleString('en')} so that browsers and chat apps take them whole. Download it as a project instead.`
      this.#notice.show({
        text,
        kind: 'warn',
        actions: [{ label: 'Download', primary: true, run: () => void this.download() }],
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
    this.#notice.show({ text, kind: copied ? 'success' : 'info', field: { label: 'Share link', value: url } })
  }

  /** Downloads the sandbox, with the learner's code, as a Node project (zip). */
  async download(): Promise<void> {
    const { projectFiles, saveZip, zipProject } = await import('../share/download-project.ts')
    const files = projectFiles(this.files(), {
      name: this.data.name,
      title: this.data.title,
      versions: this.data.versions ?? {},
      curl: toCurl(this.request.draft),
      ...(this.data.services ? { services: Object.keys(this.data.services) } : {}),
    })
    saveZip(this.data.name, zipProject(this.data.name, files))
    const text = `${this.data.name}.zip is downloading: unzip it, then run npm install && npm run dev (its README says more).`
    this.#notice.show({ text, kind: 'success', timeoutMs: 8000 })
  }

  /** Whether the editor shows code from a share link (not saved) rather than the learner's own. */
  get viewingShared(): boolean {
    return this.#viewingShared
  }

  #openShared(shared: SharedOpen) {
    this.#notice.hide() // "Opening the code shared with you…" from <course-sandbox>
    this.#banner = new ShareBanner(this.root.querySelector('[data-notice]')!, {
      showOwn: () => this.#showOwnCode(),
      showShared: () => this.#showSharedCode(),
      keepShared: () => this.#keepSharedCode(),
      close: () => this.#closeShared(),
    })
    if ('error' in shared) {
      this.#banner.show({ view: 'error', reason: shared.error })
      this.announce(`This share link cannot be opened: ${shared.error}. Your code is unchanged.`)
      return
    }
    const notes: string[] = []
    if (shared.code.starter !== this.store.version)
      notes.push(
        'It was written on an earlier starter of this sandbox: files the sharer did not change are the current starter’s.',
      )
    const ignored = Object.keys(shared.code.files).filter((path) => !(path in this.#starter))
    if (ignored.length) notes.push(`Left out, as this sandbox has no such file: ${ignored.join(', ')}.`)
    this.#banner.show({ view: 'shared', notes })
    this.announce('Showing code shared with you. Your own code is kept.')
  }

  /** The learner's own code: what is saved, or the starter. */
  #ownFiles(): SandboxFiles {
    return this.store.load()?.files ?? this.#starter
  }

  #showOwnCode() {
    if (!this.#viewingShared) return
    this.#save()
    this.#viewingShared = false
    this.editor.replaceFiles(this.#ownFiles())
    clearTimeout(this.#saveTimer)
    this.#showSaveStatus(this.store.load() ? 'Your saved code' : 'Starter code')
    this.#banner?.show({ view: 'own' })
    this.announce('Showing your code. The shared code is one click away.')
  }

  #showSharedCode() {
    if (this.#viewingShared || !this.#shared) return
    this.#save()
    this.#viewingShared = true
    this.editor.replaceFiles(this.#shared)
    clearTimeout(this.#saveTimer)
    this.#showSaveStatus('Shared code, not saved')
    this.#banner?.show({ view: 'shared', notes: [] })
    this.announce('Showing the shared code. Your own code is kept.')
  }

  /** The shared code becomes the learner's saved code; what it replaces stays one Undo away. */
  #keepSharedCode() {
    if (!this.#viewingShared) return
    const own = this.#ownFiles()
    const shared = this.editor.getFiles()
    const replaces = !sameFiles(own, this.#starter) && !sameFiles(own, shared)
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
    this.announce(text)
  }

  /** Back to the learner's own code, the banner gone and the link's fragment off the address. */
  #closeShared() {
    if (this.#viewingShared) this.#showOwnCode()
    this.#shared = undefined
    this.#banner?.remove()
    this.#banner = undefined
    if (sharedSandboxName(location.hash) === this.data.name)
      history.replaceState(history.state, '', `${location.pathname}${location.search}`)
    this.announce('Shared code closed.')
  }

  announce(text: string): void {
    const region = this.root.querySelector<HTMLElement>('[data-announce]')
    if (!region) return
    region.textContent = ''
    requestAnimationFrame(() => (region.textContent = text))
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off()
    for (const off of this.#runtimeCleanup.splice(0)) off()
    this.#runtime?.dispose()
    this.#splitter.dispose()
    this.editor.dispose()
  }

  // ── internals ──

  async #start(): Promise<boolean> {
    let runtime: SandboxRuntime
    try {
      runtime = await this.#ensureRuntime()
    } catch (err) {
      this.#notice.show({
        text: `This sandbox cannot run here: ${err instanceof Error ? err.message : String(err)}`,
        kind: 'error',
      })
      return false
    }
    const version = this.#editVersion
    this.console.clear(Date.now())
    this.#setRunStale(false)
    try {
      await runtime.start(this.files())
      this.#runVersion = version
      if (version !== this.#editVersion) this.#setRunStale(true)
      this.announce('Your app is running.')
      return true
    } catch (err) {
      this.#runVersion = -1
      if (isWebContainerUnavailable(err)) return this.#fallBack(err.reason)
      this.showOutput('console')
      const message = err instanceof Error ? err.message : String(err)
      if (!this.console.entries.some((e) => e.level === 'error')) {
        this.console.add({ level: 'error', message, time: Date.now(), source: 'system' })
      }
      this.announce(`Your app could not start: ${message}`)
      return false
    }
  }

  #ensureRuntime(): Promise<SandboxRuntime> {
    if (this.#runtime) return Promise.resolve(this.#runtime)
    this.#runtimeLoading ??= (async () => {
      const choice = this.#choice
      if (choice.runtime === 'none')
        throw new Error(`it needs Node, which this browser cannot run (${choice.reason.code})`)
      this.#setRuntimeLabel(RUNTIME_LABELS[choice.runtime])
      const runtime = await createRuntime(choice.runtime, this.data)
      this.#runtimeCleanup.push(
        runtime.onStatus((status) => this.#onStatus(status)),
        runtime.onLog((entry: LogEntry) => this.#log(entry)),
      )
      this.#wireServices(runtime)
      if (runtime.onOutput && runtime.spawnShell)
        await this.#attachTerminal({
          onOutput: runtime.onOutput.bind(runtime),
          spawnShell: runtime.spawnShell.bind(runtime),
        })
      this.#runtime = runtime
      return runtime
    })()
    this.#runtimeLoading.catch(() => (this.#runtimeLoading = undefined))
    return this.#runtimeLoading
  }

  // ── WebContainer: runtime choice, fallback, switch, terminal ──

  /** The indicator label, the switch, the fallback notice or the Node-needed panel for #choice. */
  #showChoice() {
    const choice = this.#choice
    if (choice.runtime === 'none') {
      showUnavailablePanel(this.root, choice.reason)
      return
    }
    this.#setRuntimeLabel(RUNTIME_LABELS[choice.runtime])
    if (choice.fallback) this.#notice.show(fallbackNotice(choice.fallback))
    if (choice.runtime === 'webcontainer') {
      // Boot while the learner reads; if it cannot, fall back now rather than after Run.
      void warmUpWebContainer(this.root).then((outcome) => {
        if (!outcome.ok && this.#choice === choice && !this.#runtime && !this.#runtimeLoading)
          void this.#fallBack(outcome.reason, false)
      })
    }
    const removeSwitch = renderRuntimeSwitch(this.root, choice, (to) => void this.#switchRuntime(to))
    if (removeSwitch) this.#runtimeCleanup.push(removeSwitch)
  }

  /** The WebContainer could not boot: move to the browser runtime if supported, else explain. */
  async #fallBack(reason: Parameters<typeof fallBackAfterBoot>[1], start = true): Promise<boolean> {
    this.#dropRuntime()
    this.#choice = fallBackAfterBoot(this.data.runtimes, reason)
    this.#showChoice()
    this.announce(
      this.#choice.runtime === 'none'
        ? 'This example needs Node, which cannot start here.'
        : 'Running in the browser runtime instead.',
    )
    return this.#choice.runtime === 'none' || !start ? false : this.#start()
  }

  async #switchRuntime(to: RuntimeKind) {
    const wasRunning = this.#status.state === 'running'
    if (this.#starting) await this.#starting.catch(() => false)
    this.#dropRuntime()
    this.#notice.hide()
    this.#choice = chooseRuntime({
      runtimes: this.data.runtimes,
      capabilities: detectCapabilities(),
      override: to,
    })
    this.#showChoice()
    this.announce(`This example now runs in the ${RUNTIME_LABELS[to]}.`)
    if (wasRunning) await this.run({ sendAfter: true })
  }

  #dropRuntime() {
    for (const off of this.#runtimeCleanup.splice(0)) off()
    this.#runtime?.dispose()
    this.#runtime = undefined
    this.#runtimeLoading = undefined
    this.#onStatus({ state: 'idle' })
  }

  async #attachTerminal(source: TerminalSource) {
    const { TerminalPanel } = await import('./terminal-panel.ts')
    const terminal = new TerminalPanel(this.root, source)
    this.#runtimeCleanup.push(() => terminal.dispose())
  }

  #onStatus(status: RuntimeStatus) {
    this.#status = status
    const indicator = this.root.querySelector<HTMLElement>('[data-runtime]')!
    indicator.dataset.runtimeState = status.state
    const detail =
      'detail' in status && status.detail
        ? `: ${status.detail}`
        : status.state === 'crashed'
          ? `: ${status.message}`
          : ''
    indicator.title = `${STATE_LABELS[status.state]}${detail}`
    indicator.querySelector('[data-runtime-status]')?.replaceChildren(STATE_LABELS[status.state])
    const busy = ['booting', 'installing', 'starting', 'running'].includes(status.state)
    const stop = this.root.querySelector<HTMLButtonElement>('[data-action="stop"]')!
    // A disabled button loses focus to <body>: after Stop, Run is the next thing to press.
    if (!busy && document.activeElement === stop)
      this.root.querySelector<HTMLElement>('[data-action="run"]')?.focus()
    stop.disabled = !busy
    const previous = this.root.dataset.runtimeState
    if (status.state !== previous) {
      if (status.state === 'stopped' && previous) this.announce('Your app stopped.')
      else if (status.state === 'crashed') this.announce(`Your app crashed: ${status.message}`)
    }
    this.root.dataset.runtimeState = status.state
    const previewUrl = status.state === 'running' ? status.previewUrl : undefined
    if (previewUrl !== this.#previewUrl) {
      this.#previewUrl = previewUrl
      this.preview?.setBase(previewUrl)
    }
  }

  #setRuntimeLabel(label: string) {
    const indicator = this.root.querySelector<HTMLElement>('[data-runtime]')!
    indicator.querySelector('[data-runtime-label]')!.textContent = label
    if (!indicator.querySelector('[data-runtime-status]')) {
      const status = document.createElement('span')
      status.className = 'sbx-runtime-status'
      status.dataset.runtimeStatus = ''
      status.textContent = STATE_LABELS[this.#status.state]
      indicator.append(status)
    }
  }

  #edited() {
    this.#editVersion++
    if (this.#status.state === 'running') this.#setRunStale(true)
    clearTimeout(this.#saveTimer)
    this.#saveTimer = setTimeout(() => this.#save(), 300)
  }

  #save() {
    clearTimeout(this.#saveTimer)
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
        : sameFiles(files, this.#starter)
          ? 'Starter code'
          : 'Saved in this browser',
    )
  }

  #showSaveStatus(text: string) {
    const el = this.root.querySelector<HTMLElement>('[data-save-status]')
    if (el) el.textContent = text
  }

  #setRunStale(stale: boolean) {
    const run = this.root.querySelector<HTMLElement>('[data-action="run"]')!
    run.toggleAttribute('data-stale', stale)
    run.title = stale ? 'Your edits are not running yet: Run (Ctrl+Enter)' : 'Run (Ctrl+Enter)'
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
          run: () =>
            this.#replaceCode(this.#starter, 'New starter', 'The new starter code is in the editor.'),
        },
      ],
    })
  }

  /** A reload right after Reset or Solve still offers the way back. */
  #offerUndoAfterReload() {
    const snapshot = this.store.undoSnapshot()
    if (!snapshot || sameFiles(snapshot.files, this.editor.getFiles())) return
    const solution = this.data.solution
      ? { ...this.#starter, ...pick(this.data.solution, Object.keys(this.data.solution)) }
      : undefined
    const current = this.editor.getFiles()
    if (!sameFiles(current, this.#starter) && !(solution && sameFiles(current, solution))) return
    this.#notice.show({
      text: `Your code from before ${snapshot.action} is kept.`,
      actions: [{ label: 'Bring it back', primary: true, run: () => this.undo() }],
    })
  }

  #help() {
    const dialog = this.root.querySelector<HTMLDialogElement>('[data-help-dialog]')
    if (dialog && !dialog.open) dialog.showModal()
  }

  #toggleExpanded(force?: boolean) {
    const expanded = force ?? !this.root.hasAttribute('data-expanded')
    this.root.toggleAttribute('data-expanded', expanded)
    document.documentElement.toggleAttribute('data-sandbox-expanded', expanded)
    const button = this.root.querySelector<HTMLElement>('[data-action="expand"]')!
    button.setAttribute('aria-pressed', String(expanded))
    button.setAttribute('aria-label', expanded ? 'Leave full window' : 'Expand sandbox to fill the window')
    button.title = expanded ? 'Leave full window (Escape)' : 'Expand'
    this.editor.layout()
  }

  #wireToolbar() {
    const on = (action: string, handler: () => void) =>
      this.root.querySelector(`[data-action="${action}"]`)?.addEventListener('click', handler)
    on('run', () => void this.run({ sendAfter: true }))
    on('stop', () => void this.stop())
    on('reset', () => this.reset())
    on('solve', () => this.solve())
    on('help', () => this.#help())
    on('share', () => void this.share())
    on('download', () => void this.download())
    on('expand', () => this.#toggleExpanded())
    on(
      'copy-console',
      () =>
        void navigator.clipboard?.writeText(this.console.text()).then(() => this.announce('Console copied')),
    )
    on('clear-console', () => this.console.clear())

    this.root.addEventListener('keydown', (event) => {
      if (event.defaultPrevented) return
      const target = event.target as Element
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !target.closest('.monaco-editor')) {
        event.preventDefault()
        void this.run({ sendAfter: true })
      } else if (
        event.key === 'Escape' &&
        this.root.hasAttribute('data-expanded') &&
        !target.closest('.monaco-editor, dialog')
      ) {
        this.#toggleExpanded(false)
      }
    })
  }

  #wireTheme() {
    this.#unsubscribe.push(watchSiteTheme(() => applySiteTheme(this.root)))
  }
}

export async function mountSandbox(root: HTMLElement): Promise<LiveSandbox> {
  const script = root.querySelector('script[data-sandbox-data]')
  if (!script?.textContent) throw new Error('the sandbox data is missing from the page')
  const data = JSON.parse(script.textContent) as SandboxPageData
  const sandbox = new LiveSandbox(root, data, await sharedFor(root, data.name))
  ;(root as HTMLElement & { sandbox?: LiveSandbox }).sandbox = sandbox
  return sandbox
}

/** The share link in the page's URL, when it is for this sandbox (its first copy on the page). */
async function sharedFor(root: HTMLElement, name: string): Promise<SharedOpen | undefined> {
  if (sharedSandboxName(location.hash) !== name) return undefined
  if (document.querySelector(`course-sandbox[data-name="${name}"]`) !== root) return undefined
  const { decodeShare } = await import('../share/share-link.ts')
  try {
    return { code: await decodeShare(location.hash) }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) }
  }
}
