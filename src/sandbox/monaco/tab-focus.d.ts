/** Monaco's "Tab moves focus" switch (Ctrl+M), a module its public API does not expose or type. */
declare module 'monaco-editor/editor/browser/config/tabFocus' {
  export const TabFocus: {
    getTabFocusMode(): boolean
    setTabFocusMode(tabFocusMode: boolean): void
    onDidChangeTabFocus(listener: (tabFocusMode: boolean) => void): { dispose(): void }
  }
}
