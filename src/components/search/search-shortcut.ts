/**
 * Which key presses open the search: `/` anywhere but in a text field or the code editor, and Ctrl/Cmd+K anywhere
 * but in the code editor and the terminal, where Ctrl+K begins editor commands (Monaco's
 * Ctrl+K Ctrl+C comments a line).
 */

export interface ShortcutKey {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey?: boolean
}

/** Where the key was pressed, reduced to what matters here. */
export interface ShortcutTarget {
  /** An input, textarea, select or contenteditable element has focus. */
  editable: boolean
  /** Focus is inside a Monaco editor or an xterm terminal. */
  inCodeEditor: boolean
}

export function opensSearch(event: ShortcutKey, target: ShortcutTarget): boolean {
  if (event.altKey) return false
  // The code editor counts as a text field: Monaco 0.57 takes input through EditContext on a
  // plain <div> in Chromium, which is neither a textarea nor contenteditable.
  if (event.key === '/' && !event.ctrlKey && !event.metaKey) return !target.editable && !target.inCodeEditor
  if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.shiftKey)
    return !target.inCodeEditor
  return false
}

/** Reads a ShortcutTarget from the focused element in a page. */
export function shortcutTarget(element: Element | null): ShortcutTarget {
  if (!element) return { editable: false, inCodeEditor: false }
  const editable =
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement ||
    (element instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(element.type)) ||
    (element instanceof HTMLElement && element.isContentEditable)
  return { editable, inCodeEditor: element.closest('.monaco-editor, .xterm') !== null }
}
