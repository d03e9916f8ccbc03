/**
 * The code side of a sandbox: one Monaco editor, one model per editable file (so undo history,
 * cursor and scroll survive switching tabs), file tabs, the site theme, and TypeScript that
 * knows the sandbox's packages. Replacing code (Reset, Solve, a new starter) goes through the
 * models' undo stacks, so Ctrl+Z brings the learner's code back as well as the Undo button.
 */
import { monaco, TabFocus, typescript } from '../monaco/load-monaco.ts'
import { ensureTypesFor } from '../monaco/type-libraries.ts'
import type { SandboxFiles } from '../runtime.ts'
import { languageOf } from './sandbox-data.ts'
import { wireTabs } from './tabs.ts'
import { LINE_HIGHLIGHT } from '../../code-theme/code-themes.ts'
import { luminance } from '../../code-theme/contrast.ts'
import { cssColorToHex, syntaxRules } from './theme-colors.ts'
import { currentSiteTheme } from './site-theme.ts'

export interface EditorPaneOptions {
  /** Unique per sandbox on the page: keeps two sandboxes' "src/app.ts" apart in TypeScript. */
  instanceId: string
  files: SandboxFiles
  tabs: string[]
  open: string
  onChange: () => void
  onRun: () => void
  onHelp: () => void
}

let themeVersion = 0

/** (Re)defines the two course themes from the site's custom properties and applies the current one. */
export function applySiteTheme(probe: HTMLElement): void {
  // Forced colours (Windows high contrast): the site's colours are replaced by the system's,
  // so the editor takes Monaco's own high-contrast theme matching the system's background.
  if (matchMedia('(forced-colors: active)').matches) {
    const canvas = cssColorToHex(resolveColor(probe, 'Canvas')) ?? '#ffffff'
    monaco.editor.setTheme(luminance(canvas.slice(0, 7)) < 0.5 ? 'hc-black' : 'hc-light')
    return
  }
  const theme = currentSiteTheme()
  const style = getComputedStyle(probe)
  const color = (name: string, fallback: string) =>
    cssColorToHex(resolveColor(probe, style.getPropertyValue(name))) ?? fallback
  const bg = color('--code-bg', theme === 'dark' ? '#161b22' : '#f6f8fa')
  const fg = color('--fg', theme === 'dark' ? '#e6edf3' : '#1f2328')
  const muted = color('--muted', theme === 'dark' ? '#9da7b3' : '#57606a')
  const border = color('--border', theme === 'dark' ? '#30363d' : '#d0d7de')
  const accent = color('--accent', theme === 'dark' ? '#58a6ff' : '#0a58ca')
  const surface = color('--bg', theme === 'dark' ? '#0d1117' : '#ffffff')
  const name = `course-${theme}-${++themeVersion}`
  monaco.editor.defineTheme(name, {
    base: theme === 'dark' ? 'vs-dark' : 'vs',
    // Not inheriting: vs's more specific token rules (metatag.html #808080, 3.9:1…) would win
    // over the course's checked colours; tokens without a rule take the editor foreground.
    inherit: false,
    rules: syntaxRules(theme),
    colors: {
      'editor.background': bg,
      'editor.foreground': fg,
      // Full --muted: line numbers must stay readable (WCAG contrast 4.5:1).
      'editorLineNumber.foreground': muted.slice(0, 7),
      'editorLineNumber.activeForeground': fg,
      // Token colours are checked on this highlight too (src/code-theme/code-themes.ts).
      'editor.lineHighlightBackground': LINE_HIGHLIGHT[theme],
      'editor.lineHighlightBorder': '#00000000',
      'editorCursor.foreground': accent,
      'editor.selectionBackground': `${accent.slice(0, 7)}40`,
      'editor.inactiveSelectionBackground': `${accent.slice(0, 7)}26`,
      // Unused code stays at full contrast (Monaco fades it to ~45%, far below 4.5:1).
      'editorUnnecessaryCode.opacity': '#000000ff',
      'editorIndentGuide.background1': `${border.slice(0, 7)}80`,
      'editorWidget.background': surface,
      'editorWidget.border': border,
      'editorHoverWidget.background': surface,
      'editorHoverWidget.border': border,
      'editorSuggestWidget.background': surface,
      'editorSuggestWidget.border': border,
      'editorSuggestWidget.selectedBackground': `${accent.slice(0, 7)}2e`,
      'editorSuggestWidget.selectedForeground': fg,
      'editorSuggestWidget.highlightForeground': accent,
      'editorSuggestWidget.focusHighlightForeground': accent,
      'list.focusBackground': `${accent.slice(0, 7)}2e`,
      'list.focusForeground': fg,
      'list.activeSelectionBackground': `${accent.slice(0, 7)}2e`,
      'list.activeSelectionForeground': fg,
      'list.hoverBackground': `${muted.slice(0, 7)}1f`,
      'list.highlightForeground': accent,
      'list.focusHighlightForeground': accent,
      'quickInput.background': surface,
      'quickInputList.focusBackground': `${accent.slice(0, 7)}2e`,
      'quickInputList.focusForeground': fg,
      focusBorder: accent,
      // Brackets in the text colour, like the server-rendered code.
      ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`editorBracketHighlight.foreground${i}`, fg])),
      'scrollbarSlider.background': `${muted.slice(0, 7)}33`,
      'scrollbarSlider.hoverBackground': `${muted.slice(0, 7)}55`,
    },
  })
  monaco.editor.setTheme(name)
}

/** Custom properties may hold any colour syntax; let the browser resolve it to rgb(). */
function resolveColor(probe: HTMLElement, value: string): string {
  if (!value.trim()) return ''
  const span = document.createElement('span')
  span.style.color = value
  span.style.display = 'none'
  probe.append(span)
  const resolved = getComputedStyle(span).color
  span.remove()
  return resolved
}

export class EditorPane {
  readonly editor: monaco.editor.IStandaloneCodeEditor
  readonly #models = new Map<string, monaco.editor.ITextModel>()
  readonly #viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>()
  readonly #tabs: HTMLElement
  readonly #root: HTMLElement
  readonly #disposables: monaco.IDisposable[] = []
  #current: string
  #typesTimer: ReturnType<typeof setTimeout> | undefined
  /** Resolves once hono's (and the imported packages') types are in the TypeScript worker. */
  readonly typesReady: Promise<void>

  constructor(root: HTMLElement, options: EditorPaneOptions) {
    this.#root = root
    this.#tabs = root.querySelector<HTMLElement>('[data-file-tabs]')!
    const host = root.querySelector<HTMLElement>('[data-editor]')!
    for (const path of options.tabs) {
      const uri = monaco.Uri.parse(`file:///${options.instanceId}/${path}`)
      monaco.editor.getModel(uri)?.dispose()
      const model = monaco.editor.createModel(
        options.files[path] ?? '',
        languageOf(path) === 'json' ? 'plaintext' : languageOf(path),
        uri,
      )
      model.updateOptions({
        tabSize: 2,
        insertSpaces: true,
        bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false },
      })
      this.#models.set(path, model)
      this.#disposables.push(model.onDidChangeContent(() => options.onChange()))
    }
    this.#current = this.#models.has(options.open) ? options.open : options.tabs[0]!

    const mount = document.createElement('div')
    mount.className = 'sbx-monaco'
    host.append(mount)
    const fontFamily =
      getComputedStyle(root).getPropertyValue('--font-mono').trim() || 'ui-monospace, monospace'
    applySiteTheme(root)
    this.editor = monaco.editor.create(mount, {
      model: this.#models.get(this.#current)!,
      automaticLayout: true,
      fontFamily,
      fontSize: 14,
      lineHeight: 21,
      tabSize: 2,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      padding: { top: 12, bottom: 12 },
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      lineNumbersMinChars: 3,
      folding: true,
      glyphMargin: false,
      overviewRulerLanes: 2,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      stickyScroll: { enabled: false },
      wordWrap: 'off',
      accessibilitySupport: 'auto',
      ariaLabel: this.#ariaLabel(),
      'semanticHighlighting.enabled': false,
      // Plain brackets, like the server-rendered (Shiki) code the editor replaces.
      bracketPairColorization: { enabled: false },
      matchBrackets: 'near',
      guides: { indentation: true },
      scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      hover: { delay: 250 },
      // prefers-reduced-motion: a steady caret, no smooth animations.
      ...(matchMedia('(prefers-reduced-motion: reduce)').matches
        ? {
            cursorBlinking: 'solid' as const,
            cursorSmoothCaretAnimation: 'off' as const,
            smoothScrolling: false,
          }
        : {}),
    })
    host.dataset.live = ''
    for (const block of host.querySelectorAll<HTMLElement>('.sbx-static-code')) block.hidden = true

    this.#wireTabEscape(host)

    this.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun())
    this.editor.addCommand(monaco.KeyMod.Alt | monaco.KeyCode.F1, () => options.onHelp())
    this.#disposables.push(
      monaco.editor.onDidChangeMarkers((uris) => {
        if (uris.some((uri) => [...this.#models.values()].some((m) => m.uri.toString() === uri.toString())))
          this.#markErrors()
      }),
    )

    wireTabs(this.#tabs, (tab) => this.open(tab.dataset.file!))

    const sources = () => [...this.#models.values()].map((m) => m.getValue())
    this.typesReady = ensureTypesFor(sources(), [
      typescript.typescriptDefaults,
      typescript.javascriptDefaults,
    ]).catch(() => {})
    // A newly typed import ("import { z } from 'zod'") fetches that package's types.
    this.#disposables.push(
      ...[...this.#models.values()].map((model) =>
        model.onDidChangeContent(() => {
          clearTimeout(this.#typesTimer)
          this.#typesTimer = setTimeout(
            () =>
              void ensureTypesFor(sources(), [
                typescript.typescriptDefaults,
                typescript.javascriptDefaults,
              ]).catch(() => {}),
            800,
          )
        }),
      ),
    )
  }

  get currentFile(): string {
    return this.#current
  }

  /** The learner's current code of every editable file. */
  getFiles(): SandboxFiles {
    const files: SandboxFiles = {}
    for (const [path, model] of this.#models) files[path] = model.getValue()
    return files
  }

  open(path: string, focus = false): void {
    const model = this.#models.get(path)
    if (!model) return
    if (path !== this.#current) {
      this.#viewStates.set(this.#current, this.editor.saveViewState())
      this.#current = path
      this.editor.setModel(model)
      const state = this.#viewStates.get(path)
      if (state) this.editor.restoreViewState(state)
      this.editor.updateOptions({ ariaLabel: this.#ariaLabel() })
    }
    for (const tab of this.#tabs.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const selected = tab.dataset.file === path
      tab.setAttribute('aria-selected', String(selected))
      tab.tabIndex = selected ? 0 : -1
      if (selected) this.#root.querySelector('[data-editor]')?.setAttribute('aria-labelledby', tab.id)
    }
    if (focus) this.editor.focus()
  }

  /** Jumps to a place in a file (from a console entry), selecting the line. */
  reveal(path: string, line: number, column = 1): void {
    if (!this.#models.has(path)) return
    this.open(path)
    this.editor.setSelection({
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: column,
    })
    this.editor.revealLineInCenterIfOutsideViewport(line)
    this.editor.focus()
  }

  /**
   * Puts new code in the editors as one undoable edit per file (Ctrl+Z restores the
   * previous code). Files not listed keep their code.
   */
  replaceFiles(files: SandboxFiles): void {
    for (const [path, text] of Object.entries(files)) {
      const model = this.#models.get(path)
      if (!model || model.getValue() === text) continue
      model.pushStackElement()
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null)
      model.pushStackElement()
    }
  }

  /** Error markers (TypeScript squiggles) of a file, for tests and the tab's error dot. */
  errorCount(path: string): number {
    const model = this.#models.get(path)
    if (!model) return 0
    return monaco.editor
      .getModelMarkers({ resource: model.uri })
      .filter((m) => m.severity === monaco.MarkerSeverity.Error).length
  }

  /** TypeScript's problems in a file ("2:5 Property 'gett' does not exist…"), as the squiggles show them. */
  problems(path = this.#current): string[] {
    const model = this.#models.get(path)
    if (!model) return []
    return monaco.editor
      .getModelMarkers({ resource: model.uri })
      .filter((m) => m.severity === monaco.MarkerSeverity.Error)
      .map((m) => `${m.startLineNumber}:${m.startColumn} ${m.message}`)
  }

  layout(): void {
    this.editor.layout()
  }

  dispose(): void {
    clearTimeout(this.#typesTimer)
    for (const d of this.#disposables) d.dispose()
    this.editor.dispose()
    for (const model of this.#models.values()) model.dispose()
  }

  #markErrors() {
    for (const tab of this.#tabs.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const errors = this.errorCount(tab.dataset.file!)
      tab.toggleAttribute('data-errors', errors > 0)
      const label = `${tab.dataset.file}${errors ? `, ${errors} ${errors === 1 ? 'problem' : 'problems'}` : ''}`
      tab.setAttribute('aria-label', label)
    }
  }

  #ariaLabel(): string {
    return `Code editor: ${this.#current}. Tab indents: press Escape then Tab to leave. Alt+F1: keyboard help. Ctrl+Enter: run.`
  }

  /**
   * The way out of the editor's Tab trap, made true and shown on screen while the editor has
   * focus (WCAG 2.1.2): Escape, then Tab (or Shift+Tab) moves focus on; Ctrl+M (Monaco's own
   * "Tab moves focus" toggle, Ctrl+Shift+M on a Mac) makes every Tab move focus.
   */
  #wireTabEscape(host: HTMLElement) {
    const hint = document.createElement('p')
    hint.className = 'sbx-editor-hint'
    hint.dataset.editorHint = ''
    // The editor's own label says the same to screen readers; this is for the eyes.
    hint.setAttribute('aria-hidden', 'true')
    host.append(hint)
    let escaped = false
    const render = () => {
      const movesFocus = TabFocus.getTabFocusMode() || escaped
      hint.replaceChildren(
        ...(movesFocus
          ? [kbd('Tab'), ' moves focus · ', kbd(isMac() ? 'Ctrl+Shift+M' : 'Ctrl+M'), ' to indent with Tab']
          : [kbd('Tab'), ' indents · ', kbd('Esc'), ' then ', kbd('Tab'), ' leaves the editor']),
      )
    }
    const setEscaped = (on: boolean) => {
      if (escaped === on) return
      escaped = on
      this.editor.updateOptions({ tabFocusMode: on })
      render()
    }
    render()
    this.#disposables.push(
      { dispose: () => hint.remove() },
      TabFocus.onDidChangeTabFocus(render),
      this.editor.onKeyDown((event) => {
        if (event.keyCode === monaco.KeyCode.Escape) setEscaped(true)
        else if (event.keyCode !== monaco.KeyCode.Tab && !isModifier(event.keyCode)) setEscaped(false)
      }),
      this.editor.onDidFocusEditorText(() => {
        host.dataset.editorFocused = ''
        setEscaped(false)
      }),
      this.editor.onDidBlurEditorText(() => {
        delete host.dataset.editorFocused
        setEscaped(false)
      }),
    )
  }
}

function kbd(text: string): HTMLElement {
  const el = document.createElement('kbd')
  el.textContent = text
  return el
}

function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform)
}

function isModifier(code: monaco.KeyCode): boolean {
  return [monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta].includes(code)
}
