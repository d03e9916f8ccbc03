/**
 * Monaco with only what a sandbox needs: the editor core, the editing features learners use
 * (suggest, hover, find, folding, rename, problems, command palette…), syntax for the
 * languages sandboxes contain, and TypeScript's language service in its worker. Importing
 * "monaco-editor" itself would also bundle the CSS, HTML and JSON workers and ~80 grammars.
 *
 * Only ever loaded with `import()` once a sandbox nears the viewport: lesson pages ship none of it.
 */
import * as monaco from 'monaco-editor/editor'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker'

import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/caretOperations/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/codeAction/register'
import 'monaco-editor/features/codeEditor/register'
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/comment/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/dnd/register'
import 'monaco-editor/features/documentSymbols/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/format/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/features/gotoLine/register'
import 'monaco-editor/features/gotoSymbol/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/iPadShowKeyboard/register'
import 'monaco-editor/features/indentation/register'
import 'monaco-editor/features/inlineProgress/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/linkedEditing/register'
import 'monaco-editor/features/links/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/parameterHints/register'
import 'monaco-editor/features/quickCommand/register'
import 'monaco-editor/features/quickHelp/register'
import 'monaco-editor/features/quickOutline/register'
import 'monaco-editor/features/readOnlyMessage/register'
import 'monaco-editor/features/referenceSearch/register'
import 'monaco-editor/features/rename/register'
import 'monaco-editor/features/smartSelect/register'
import 'monaco-editor/features/snippet/register'
import 'monaco-editor/features/suggest/register'
import 'monaco-editor/features/toggleTabFocusMode/register'
import 'monaco-editor/features/tokenization/register'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/wordOperations/register'
import 'monaco-editor/features/wordPartOperations/register'
// The feature entry points of 0.57 leave these out (editor.main imports them directly): without
// them there is no completion list, no F12/peek, no caret commands, no copy-paste handling.
import 'monaco-editor/editor/browser/coreCommands'
import 'monaco-editor/editor/common/standaloneStrings'
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations'
import 'monaco-editor/editor/contrib/dropOrPasteInto/browser/copyPasteContribution'
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus'
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands'
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
// TypeScript's worker manager imports every editor contribution (internal/common/workers): loaded
// after the editor's services start, their singletons (ICodeLensCache, inlay hints, colour
// decorators…) registered too late and every new editor logged "[createInstance] … depends on
// UNKNOWN service". Importing the same module here, before any editor exists, registers them in
// time; the bundle holds the same code either way.
import 'monaco-editor/internal/common/workers'

// Syntax only (Monarch grammars, each loaded on first use); TypeScript features come below.
import 'monaco-editor/languages/definitions/css/register'
import 'monaco-editor/languages/definitions/html/register'
import 'monaco-editor/languages/definitions/javascript/register'
import 'monaco-editor/languages/definitions/markdown/register'
import 'monaco-editor/languages/definitions/typescript/register'
import * as typescript from 'monaco-editor/languages/features/typescript/register'
// Whether Tab moves focus (Ctrl+M): the editor shows the way out of its Tab trap (editor-pane.ts).
import { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus'

declare global {
  // Monaco reads this global to create its workers.
  var MonacoEnvironment: monaco.Environment | undefined
}

globalThis.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()
  },
}

/** Like a project's tsconfig: modern ESM, bundler resolution (package.json "exports"), strict. */
const compilerOptions: typescript.CompilerOptions = {
  target: typescript.ScriptTarget.ESNext,
  module: typescript.ModuleKind.ESNext,
  // Bundler resolution (100) reads package.json "exports", which hono's subpaths need; the
  // worker's TypeScript supports it though Monaco's enum predates it.
  moduleResolution: 100 as typescript.ModuleResolutionKind,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  // Like the worker runtime (src/sandbox/transpile.ts): TSX is Hono's JSX, rendered on the server.
  jsx: typescript.JsxEmit.ReactJSX,
  jsxImportSource: 'hono/jsx',
  lib: ['esnext', 'dom', 'dom.iterable'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  allowNonTsExtensions: true,
  types: [],
}

typescript.typescriptDefaults.setCompilerOptions(compilerOptions)
typescript.javascriptDefaults.setCompilerOptions({ ...compilerOptions, allowJs: true, checkJs: false })
typescript.typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
})
// Models of every open sandbox file are mirrored to the worker even before they are shown,
// so `import { x } from './routes'` resolves to the learner's other (unopened) files.
typescript.typescriptDefaults.setEagerModelSync(true)

export { monaco, TabFocus, typescript }
