/** Types of the virtual module served by src/build/vite/sandbox-editor-plugins.ts. */
declare module 'virtual:course-sandbox-types' {
  export const typeLibraries: {
    /** Import roots with types ("hono", "react-dom", …). */
    roots: string[]
    /** Every package an import root needs, itself included. */
    needs(root: string): string[]
    /** A package's declaration files by virtual path ("file:///node_modules/…"). */
    load(pkg: string): Promise<Record<string, string>>
  }
}
