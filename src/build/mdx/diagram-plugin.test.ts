import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { mdxToJs } from 'satteri'
import { describe, expect, test } from 'vitest'
import { diagramPlugin, readAlt } from './diagram-plugin.ts'
import { lintMermaid } from './mermaid-lint.ts'

const root = '/course'
const FILE = 'content/lessons/03-topic/01-lesson.mdx'

/** The plugin is synchronous, so the compile is too. */
function compile(body: string): { code: string } {
  return mdxToJs(body, {
    mdastPlugins: [diagramPlugin({ root })],
    fileURL: pathToFileURL(join(root, FILE)),
  }) as { code: string }
}

const fence = (meta: string, source: string) => `Some text.\n\n\`\`\`mermaid ${meta}\n${source}\n\`\`\`\n`

describe('diagramPlugin', () => {
  test('a flowchart and a sequence diagram become inline SVG named by their alt text', () => {
    const flow = compile(
      fence(
        'alt="Browser to Nginx to the app to Postgres."',
        'flowchart LR\n  Browser --> Nginx --> App[Node app server] --> DB[(Postgres)]',
      ),
    )
    expect(flow.code).toContain('Diagram')
    expect(flow.code).toMatch(
      /svg: "<svg xmlns=\\"http:\/\/www.w3.org\/2000\/svg\\" viewBox=\\"[\d. ]+\\" width=\\"[\d.]+\\" height=\\"[\d.]+\\" role=\\"img\\" aria-labelledby=\\"(diagram-[0-9a-f]{8}-3)-title\\"/,
    )
    expect(flow.code).toContain('Browser to Nginx to the app to Postgres.</title>')
    expect(flow.code).toContain('Node app server')
    // No web font from another host, no page-wide <style>, ids prefixed per diagram.
    expect(flow.code).not.toContain('fonts.googleapis.com')
    expect(flow.code).not.toContain('<style>')
    expect(flow.code).toMatch(/marker-end=\\"url\(#diagram-[0-9a-f]{8}-3-arrowhead\)\\"/)

    const seq = compile(
      fence(
        "alt='The browser asks, the server answers.'",
        'sequenceDiagram\n  Browser->>Server: GET /hello\n  Server-->>Browser: 200 OK',
      ),
    )
    expect(seq.code).toContain('GET /hello')
    expect(seq.code).toContain('The browser asks, the server answers.</title>')
  })

  test('a missing or empty alt fails naming file and line', () => {
    expect(() => compile(fence('', 'flowchart LR\n  A --> B'))).toThrow(
      /^content\/lessons\/03-topic\/01-lesson\.mdx:3:1: mermaid diagram: missing alt="…": write ```mermaid alt="…"```/,
    )
    expect(() => compile(fence('alt=""', 'flowchart LR\n  A --> B'))).toThrow(
      /01-lesson\.mdx:3:1: mermaid diagram: alt="" is empty/,
    )
  })

  test('a broken diagram fails naming the line of the mistake', () => {
    expect(() => compile(fence('alt="x"', 'flowchart LR\n  A --> B\n  B -> C'))).toThrow(
      /^content\/lessons\/03-topic\/01-lesson\.mdx:6:1: mermaid diagram: could not read "-> C": expected an arrow/,
    )
    expect(() => compile(fence('alt="x"', 'flowchrt LR\n  A --> B'))).toThrow(
      /01-lesson\.mdx:4:1: mermaid diagram: "flowchrt LR" is not a supported diagram/,
    )
    expect(() => compile(fence('alt="x"', 'sequenceDiagram\n  A->>B: hi\n  A->>: x'))).toThrow(
      /01-lesson\.mdx:6:1: mermaid diagram: could not read "A->>: x"/,
    )
  })

  test('other code blocks are left alone', () => {
    expect(compile('```ts\nconst a = 1\n```\n').code).not.toContain('Diagram')
  })
})

describe('lintMermaid', () => {
  test('accepts what the renderer draws', () => {
    expect(
      lintMermaid(
        [
          'flowchart TD',
          '  %% a comment',
          '  subgraph Private network',
          '    App1[App :3000] & App2[App :3001] --> DB[(Postgres)]',
          '  end',
          '  Client -->|HTTPS| Nginx{{Nginx}} -.-> App1',
          '  Nginx -- HTTP --> App2',
          '  classDef hot fill:#f00',
          '  class App1 hot',
        ].join('\n'),
      ),
    ).toEqual([])
    expect(
      lintMermaid(
        [
          'sequenceDiagram',
          '  participant B as Browser',
          '  actor U',
          '  alt logged in',
          '    B->>S: GET /me',
          '  else',
          '    S-->>B: 401',
          '  end',
          '  Note over B,S: stateless',
        ].join('\n'),
      ),
    ).toEqual([])
  })

  test('names each line it cannot read', () => {
    expect(lintMermaid('flowchart LR\n  A -->\n  subgraph X\n  B --> C')).toEqual([
      { line: 2, message: 'the arrow "-->" points to nothing: add the node it leads to' },
      { line: 3, message: 'this subgraph is never closed: add a line "end"' },
    ])
    expect(lintMermaid('sequenceDiagram\n  else\n  end')).toEqual([
      { line: 2, message: '"else" belongs inside an alt or par block' },
      { line: 3, message: '"end" closes nothing: there is no open block (loop, alt, opt…)' },
    ])
    expect(lintMermaid('')).toEqual([
      { line: 1, message: 'the diagram is empty: start with "flowchart LR" or "sequenceDiagram"' },
    ])
    expect(lintMermaid('pie\n  "a": 1')[0]!.message).toMatch(/"pie" is not a supported diagram/)
  })

  test('readAlt takes double or single quotes', () => {
    expect(readAlt('alt="a b"')).toBe('a b')
    expect(readAlt("title=x alt='c'")).toBe('c')
    expect(readAlt('')).toBeUndefined()
  })
})
