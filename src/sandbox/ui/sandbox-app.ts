/**
 * The live sandbox, loaded lazily by `<course-sandbox>`: wires the editor, toolbar, request
 * panel, console, preview and checks to one runtime. It owns the run lifecycle (start, restart
 * on edit, checks on a fresh database) and which runtime runs the sandbox (the WebContainer,
 * its fallback to the browser runtime, the switch). The rest is one module each: the learner's
 * code (learner-code.ts), the toolbar (toolbar.ts), the runtime indicator, the services bar,
 * Share and Download. Everything here talks to `SandboxRuntime` only, so the worker runtime and
 * the WebContainer runtime look the same to it.
 */
import { runChecks, type CheckResult } from '../checks.ts'
import type { LogEntry, RuntimeStatus, SandboxFiles, SandboxRuntime } from '../runtime.ts'
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
import { LearnerCode, type SharedOpen } from './learner-code.ts'
import { showRuntimeLabel, showRuntimeStatus } from './runtime-indicator.ts'
import { wireServicesBar } from './services-bar.ts'
import { downloadProject, shareCode } from './share-actions.ts'
import { openHelp, showRunStale, toggleFullWindow, wireToolbar } from './toolbar.ts'
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
} from './runtime-choice-ui.ts'
import { editablePaths, type SandboxPageData } from './sandbox-data.ts'
import { Splitter } from './split.ts'
import { sharedSandboxName } from '../share/share-fragment.ts'
import { selectTab, wireTabs } from './tabs.ts'

type OutputKey = 'request' | 'console' | 'preview' | 'checks' | 'data' | 'load'

export type { SharedOpen }

export class LiveSandbox {
  readonly root: HTMLElement
  readonly data: SandboxPageData
  readonly editor: EditorPane
  readonly code: LearnerCode
  readonly console: ConsolePanel
  readonly request: RequestPanel
  readonly preview: PreviewPane | undefined
  readonly checks: ChecksPanel | undefined
  readonly dataPanel: DataPanel | undefined
  readonly load: LoadPanel | undefined
  /** During a load run the app's logs are sampled: counts of what was seen and shown. */
  #loadLogs: { seen: number; shown: number; lastShown: number } | undefined
  readonly #notice: Notice
  readonly #outputTabs: HTMLElement
  readonly #splitter: Splitter
  #runtime: SandboxRuntime | undefined
  #runtimeLoading: Promise<SandboxRuntime> | undefined
  #starting: Promise<boolean> | undefined
  #status: RuntimeStatus = { state: 'idle' }
  #previewUrl: string | undefined
  #editVersion = 0
  #runVersion = -1
  #unsubscribe: (() => void)[] = []
  /** WebContainer: the runtime decided for this sandbox, and what to undo when the runtime is replaced. */
  #choice: RuntimeChoice
  #runtimeCleanup: (() => void)[] = []

  constructor(root: HTMLElement, data: SandboxPageData, shared?: SharedOpen) {
    this.root = root
    this.data = data
    this.#notice = new Notice(
      root.querySelector('[data-notice]')!,
      (text) => this.announce(text),
      () => root.querySelector<HTMLElement>('[data-action="run"]'),
    )
    this.code = new LearnerCode({
      root,
      data,
      shared,
      notice: this.#notice,
      announce: (text) => this.announce(text),
      openEditor: (files) =>
        new EditorPane(root, {
          instanceId: root.id || `sbx-${data.name}`,
          files,
          tabs: editablePaths(data),
          open: data.open,
          onChange: () => this.#edited(),
          onRun: () => void this.run({ sendAfter: true }),
          onHelp: () => openHelp(root),
        }),
    })
    this.editor = this.code.editor

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
              solve: data.solution ? () => this.code.solve() : undefined,
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
    this.#unsubscribe.push(watchSiteTheme(() => applySiteTheme(this.root)))

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
      solve: this.data.solution ? () => this.code.solve() : undefined,
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

  /** Copies a link that carries the learner's current code. */
  share(): Promise<void> {
    return shareCode({
      sandbox: this.data.name,
      starter: this.code.store.version,
      starterFiles: this.code.starter,
      files: this.editor.getFiles(),
      notice: this.#notice,
      download: () => void this.download(),
    })
  }

  /** Downloads the sandbox, with the learner's code, as a Node project (zip). */
  download(): Promise<void> {
    return downloadProject({
      name: this.data.name,
      title: this.data.title,
      versions: this.data.versions ?? {},
      curl: toCurl(this.request.draft),
      ...(this.data.services ? { services: Object.keys(this.data.services) } : {}),
      files: this.files(),
      notice: this.#notice,
    })
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
    this.code.dispose()
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
    showRunStale(this.root, false)
    try {
      await runtime.start(this.files())
      this.#runVersion = version
      if (version !== this.#editVersion) showRunStale(this.root, true)
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
      showRuntimeLabel(this.root, RUNTIME_LABELS[choice.runtime], this.#status.state)
      const runtime = await createRuntime(choice.runtime, this.data)
      this.#runtimeCleanup.push(
        runtime.onStatus((status) => this.#onStatus(status)),
        runtime.onLog((entry: LogEntry) => this.#log(entry)),
      )
      const unwireServices = wireServicesBar(this.root, runtime, {
        announce: (text) => this.announce(text),
        showError: (text) => this.#notice.show({ text, kind: 'error' }),
        hasRun: () => this.#runVersion >= 0,
      })
      if (unwireServices) this.#runtimeCleanup.push(unwireServices)
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
    showRuntimeLabel(this.root, RUNTIME_LABELS[choice.runtime], this.#status.state)
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
    showRuntimeStatus(this.root, status, (text) => this.announce(text))
    const previewUrl = status.state === 'running' ? status.previewUrl : undefined
    if (previewUrl !== this.#previewUrl) {
      this.#previewUrl = previewUrl
      this.preview?.setBase(previewUrl)
    }
  }

  #edited() {
    this.#editVersion++
    if (this.#status.state === 'running') showRunStale(this.root, true)
    this.code.edited()
  }

  #wireToolbar() {
    const layout = () => this.editor.layout()
    wireToolbar(
      this.root,
      {
        run: () => void this.run({ sendAfter: true }),
        stop: () => void this.stop(),
        reset: () => this.code.reset(),
        solve: () => this.code.solve(),
        help: () => openHelp(this.root),
        share: () => void this.share(),
        download: () => void this.download(),
        expand: () => toggleFullWindow(this.root, layout),
        'copy-console': () =>
          void navigator.clipboard
            ?.writeText(this.console.text())
            .then(() => this.announce('Console copied')),
        'clear-console': () => this.console.clear(),
      },
      layout,
    )
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
