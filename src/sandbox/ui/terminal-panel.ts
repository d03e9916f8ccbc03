/**
 * The Terminal output tab of a sandbox that runs in a WebContainer: "Output" shows what
 * `npm install` and `npm run dev` print (colours and progress included), "Shell" is an
 * interactive shell (jsh) in the sandbox's folder, started when first opened. Both are
 * xterm.js terminals themed from the site's colours; xterm is loaded only when the tab is
 * added, so worker-runtime sandboxes never download it.
 *
 * The tab and its panel are created here (not in Sandbox.astro) because only the WebContainer
 * runtime has a terminal, and which runtime runs is decided in the browser.
 */
import type { FitAddon } from '@xterm/addon-fit'
import type { ITheme, Terminal } from '@xterm/xterm'
import type { SandboxRuntime, ShellProcess } from '../runtime.ts'
import { selectTab, wireTabs } from './tabs.ts'
import { terminalTheme } from './terminal-theme.ts'
import { currentSiteTheme, watchSiteTheme } from './site-theme.ts'
import './terminal-panel.css'

/** What the panel needs from the runtime (the WebContainer runtime has both). */
export type TerminalSource = Required<Pick<SandboxRuntime, 'onOutput' | 'spawnShell'>>

interface XtermModules {
  Terminal: typeof Terminal
  FitAddon: typeof FitAddon
}

let xterm: Promise<XtermModules> | undefined
function loadXterm(): Promise<XtermModules> {
  // xterm's CSS as a string added with the terminal: imported as a file, Astro would hoist it
  // into the <head> of every lesson with a sandbox (see src/build/vite/monaco-styles-plugin.ts).
  xterm ??= Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/xterm/css/xterm.css?inline'),
  ]).then(([x, fit, css]) => {
    const style = document.createElement('style')
    style.dataset.xterm = ''
    style.textContent = css.default
    document.head.append(style)
    return { Terminal: x.Terminal, FitAddon: fit.FitAddon }
  })
  return xterm
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  if (text !== undefined) node.textContent = text
  return node
}

interface View {
  host: HTMLElement
  term?: Terminal
  fit?: FitAddon
}

export class TerminalPanel {
  readonly tab: HTMLButtonElement
  readonly panel: HTMLElement
  readonly #root: HTMLElement
  readonly #source: TerminalSource
  readonly #output: View
  readonly #shell: View
  readonly #pending: string[] = []
  readonly #cleanup: (() => void)[] = []
  #shellProcess: Promise<ShellProcess> | undefined
  #disposed = false

  constructor(root: HTMLElement, source: TerminalSource) {
    this.#root = root
    this.#source = source
    const id = root.id || 'sbx'
    const tabs = root.querySelector<HTMLElement>('[data-output-tabs]')
    const pane = root.querySelector<HTMLElement>('[data-output-pane]')
    if (!tabs || !pane) throw new Error('The sandbox has no output pane to add a terminal to.')

    this.tab = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'sbx-tab',
        id: `${id}-tab-terminal`,
        'aria-selected': 'false',
        'aria-controls': `${id}-panel-terminal`,
        tabindex: '-1',
        'data-output': 'terminal',
      },
      'Terminal',
    )
    tabs.append(this.tab)

    this.panel = el('div', {
      class: 'sbx-panel sbx-terminal',
      role: 'tabpanel',
      id: `${id}-panel-terminal`,
      'aria-labelledby': this.tab.id,
      'data-panel': 'terminal',
    })
    this.panel.hidden = true
    const modes = el('div', { class: 'sbx-terminal-modes', role: 'tablist', 'aria-label': 'Terminal' })
    const outputTab = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'sbx-terminal-mode',
        id: `${id}-term-output-tab`,
        'aria-controls': `${id}-term-output`,
        'aria-selected': 'true',
        tabindex: '0',
      },
      'Output',
    )
    const shellTab = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'sbx-terminal-mode',
        id: `${id}-term-shell-tab`,
        'aria-controls': `${id}-term-shell`,
        'aria-selected': 'false',
        tabindex: '-1',
      },
      'Shell',
    )
    modes.append(outputTab, shellTab)
    const hint = el('span', { class: 'sbx-terminal-hint' }, 'npm install and npm run dev')
    const bar = el('div', { class: 'sbx-panel-bar' })
    bar.append(modes, hint)
    const outputHost = el('div', {
      class: 'sbx-terminal-screen',
      id: `${id}-term-output`,
      role: 'tabpanel',
      'aria-labelledby': outputTab.id,
      'data-terminal': 'output',
    })
    const shellHost = el('div', {
      class: 'sbx-terminal-screen',
      id: `${id}-term-shell`,
      role: 'tabpanel',
      'aria-labelledby': shellTab.id,
      'data-terminal': 'shell',
    })
    shellHost.hidden = true
    this.panel.append(bar, outputHost, shellHost)
    pane.append(this.panel)
    this.#output = { host: outputHost }
    this.#shell = { host: shellHost }

    wireTabs(modes, (tab) => {
      selectTab(modes, tab)
      const shell = tab === shellTab
      hint.textContent = shell
        ? 'a shell in this sandbox’s folder: try ls, node --version, npm ls'
        : 'npm install and npm run dev'
      if (shell) void this.#openShell()
      this.#fitVisible()
    })

    // Output arrives from the first Run on, whether or not the tab was ever opened.
    this.#cleanup.push(
      source.onOutput((chunk) => {
        if (this.#output.term) this.#output.term.write(chunk)
        else this.#pending.push(chunk)
      }),
    )
    void this.#create(this.#output, { disableStdin: true, convertEol: true }).then((term) => {
      term?.write(this.#pending.splice(0).join(''))
    })

    const resize = new ResizeObserver(() => this.#fitVisible())
    resize.observe(this.panel)
    this.#cleanup.push(
      () => resize.disconnect(),
      watchSiteTheme(() => this.#applyTheme()),
    )
  }

  /** Shows the Terminal tab (e.g. when the learner asks for the shell). */
  show(): void {
    const tabs = this.tab.closest<HTMLElement>('[role="tablist"]')
    if (tabs) selectTab(tabs, this.tab)
    this.#fitVisible()
  }

  dispose(): void {
    this.#disposed = true
    for (const off of this.#cleanup.splice(0)) off()
    void this.#shellProcess?.then((p) => p.kill())
    this.#output.term?.dispose()
    this.#shell.term?.dispose()
    this.tab.remove()
    this.panel.remove()
  }

  async #create(
    view: View,
    options: { disableStdin: boolean; convertEol: boolean },
  ): Promise<Terminal | undefined> {
    const { Terminal, FitAddon } = await loadXterm()
    if (this.#disposed) return undefined
    const style = getComputedStyle(this.#root)
    const term = new Terminal({
      ...options,
      fontFamily: style.getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 13,
      lineHeight: 1.2,
      scrollback: 5000,
      cursorBlink: !options.disableStdin,
      cursorStyle: options.disableStdin ? 'underline' : 'block',
      theme: this.#theme(),
      // Screen readers get the text as a live region; keyboard users still type into the shell.
      screenReaderMode: false,
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(view.host)
    view.term = term
    view.fit = fit
    this.#fitVisible()
    return term
  }

  async #openShell(): Promise<void> {
    if (this.#shellProcess) {
      this.#shell.term?.focus()
      return
    }
    const term = await this.#create(this.#shell, { disableStdin: false, convertEol: false })
    if (!term) return
    this.#fitVisible()
    term.write('\x1b[2mStarting a shell…\x1b[22m\r\n')
    const shell = this.#source.spawnShell({ cols: term.cols, rows: term.rows })
    this.#shellProcess = shell
    let process: ShellProcess
    try {
      process = await shell
    } catch (err) {
      this.#shellProcess = undefined
      term.write(
        `\x1b[31mThe shell could not start: ${err instanceof Error ? err.message : String(err)}\x1b[39m\r\n`,
      )
      return
    }
    void process.output
      .pipeTo(new WritableStream({ write: (chunk) => term.write(chunk) }))
      .catch(() => undefined)
    const input = process.input.getWriter()
    const typing = term.onData((data) => void input.write(data))
    const resizing = term.onResize((size) => process.resize(size))
    this.#cleanup.push(
      () => typing.dispose(),
      () => resizing.dispose(),
    )
    void process.exit.then((code) => {
      typing.dispose()
      resizing.dispose()
      this.#shellProcess = undefined
      if (!this.#disposed)
        term.write(
          `\r\n\x1b[2mThe shell exited (code ${code}). Open the Shell tab again for a new one.\x1b[22m\r\n`,
        )
    })
    term.focus()
  }

  #theme(): ITheme {
    const style = getComputedStyle(this.#root)
    return terminalTheme(currentSiteTheme(), (name) => style.getPropertyValue(name))
  }

  #applyTheme(): void {
    const theme = this.#theme()
    for (const view of [this.#output, this.#shell]) if (view.term) view.term.options.theme = theme
  }

  #fitVisible(): void {
    for (const view of [this.#output, this.#shell]) {
      if (view.fit && !view.host.hidden && !this.panel.hidden && view.host.clientWidth > 0) {
        try {
          view.fit.fit()
        } catch {
          // fit() measures the DOM; a panel that is being hidden has nothing to measure.
        }
      }
    }
  }
}
