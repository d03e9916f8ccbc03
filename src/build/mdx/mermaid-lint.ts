/**
 * Build-time: a strict reading of the Mermaid a lesson may use (flowchart and sequenceDiagram,
 * the DIAGRAM contract). The renderer (beautiful-mermaid) reads line by line and silently skips
 * what it does not understand, so a typo would ship as a diagram with a box or arrow missing;
 * this check accepts exactly the statements the renderer draws and names the first line that
 * is not one. The patterns follow the renderer's own parser (src/parser.ts,
 * src/sequence/parser.ts in beautiful-mermaid 1.1).
 */

export interface MermaidProblem {
  /** 1-based line inside the diagram source. */
  line: number
  message: string
}

export type DiagramKind = 'flowchart' | 'sequence'

const FLOWCHART_HEADER = /^(?:graph|flowchart)\s+(?:TD|TB|LR|BT|RL)$/i
const SEQUENCE_HEADER = /^sequenceDiagram$/

// Flowchart: node shapes, most specific first; an id is letters, digits, _ and -.
const NODE = [
  /^[\w-]+\(\(\((.+?)\)\)\)/,
  /^[\w-]+\(\[(.+?)\]\)/,
  /^[\w-]+\(\((.+?)\)\)/,
  /^[\w-]+\[\[(.+?)\]\]/,
  /^[\w-]+\[\((.+?)\)\]/,
  /^[\w-]+\[\/(.+?)\\\]/,
  /^[\w-]+\[\\(.+?)\/\]/,
  /^[\w-]+>(.+?)\]/,
  /^[\w-]+\{\{(.+?)\}\}/,
  /^[\w-]+\[(.+?)\]/,
  /^[\w-]+\((.+?)\)/,
  /^[\w-]+\{(.+?)\}/,
  /^[\w-]+/,
]
const CLASS_SHORTHAND = /^:::[\w][\w-]*/
const ARROW = /^<?(?:-->|-\.->|==>|---|-\.-|===)(?:\|[^|]*\|)?/
const TEXT_ARROW = /^<?(?:--|-\.|==)\s+.+?\s+(?:-->|---|\.->|-\.-|==>|===)/
const FLOWCHART_STATEMENTS = [
  /^classDef\s+\w+\s+.+$/,
  /^class\s+[\w,-]+\s+\w+$/,
  /^style\s+[\w,-]+\s+.+$/,
  /^linkStyle\s+(?:default|[\d,\s]+)\s+.+$/,
  /^direction\s+(?:TD|TB|LR|BT|RL)$/i,
]

// Sequence diagrams. An actor name: no spaces, colons or angle brackets, no leading or trailing -.
const ACTOR = '[^\\s<>:+-](?:[^\\s<>:]*[^\\s<>:+-])?'
const SEQUENCE_STATEMENTS = [
  /^(?:participant|actor)\s+\S+?(?:\s+as\s+.+)?$/,
  /^Note\s+(?:left of|right of|over)\s+[^:]+:\s*.+$/i,
  // Stricter than the renderer about actor names, so "A->>: x" is not read as a message to ">".
  new RegExp(`^${ACTOR}\\s*(?:->>|-->>|-\\)|--\\)|-x|--x|->|-->)\\s*[+-]?${ACTOR}\\s*:\\s*.+$`),
]
const SEQUENCE_BLOCK = /^(?:loop|alt|opt|par|critical|break|rect)\b/
const SEQUENCE_DIVIDER = /^(?:else|and)\b/

function consumeNode(text: string): string | undefined {
  for (const pattern of NODE) {
    const match = pattern.exec(text)
    if (match) {
      const rest = text.slice(match[0].length)
      return rest.replace(CLASS_SHORTHAND, '').trim()
    }
  }
  return undefined
}

function consumeGroup(text: string): string | undefined {
  let rest = consumeNode(text)
  while (rest !== undefined && rest.startsWith('&')) rest = consumeNode(rest.slice(1).trim())
  return rest
}

/** Why a flowchart line is not a node/edge chain, or undefined when it is one. */
function edgeLineProblem(line: string): string | undefined {
  let rest = consumeGroup(line)
  if (rest === undefined) return `expected a node (an id such as App, or App[Label]) at "${line}"`
  while (rest.length) {
    const arrow = ARROW.exec(rest) ?? TEXT_ARROW.exec(rest)
    if (!arrow)
      return `could not read "${rest}": expected an arrow (-->, ---, -.->, ==>, -->|label|) or the end of the line`
    const after = rest.slice(arrow[0].length).trim()
    const next = consumeGroup(after)
    if (!after || next === undefined)
      return `the arrow "${arrow[0]}" points to nothing: add the node it leads to`
    rest = next
  }
  return undefined
}

function lines(source: string): { line: number; text: string }[] {
  return source
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter(({ text }) => text.length > 0 && !text.startsWith('%%'))
}

/** The diagram's kind, or undefined when its first line is no supported header. */
export function diagramKind(source: string): DiagramKind | undefined {
  const header = lines(source)[0]?.text ?? ''
  if (FLOWCHART_HEADER.test(header)) return 'flowchart'
  if (SEQUENCE_HEADER.test(header)) return 'sequence'
  return undefined
}

/** Every problem that would make the rendered diagram differ from its source (first per line). */
export function lintMermaid(source: string): MermaidProblem[] {
  const all = lines(source)
  if (!all.length)
    return [{ line: 1, message: 'the diagram is empty: start with "flowchart LR" or "sequenceDiagram"' }]
  const [header, ...body] = all
  const kind = diagramKind(source)
  if (!kind)
    return [
      {
        line: header!.line,
        message: `"${header!.text}" is not a supported diagram: start with "flowchart LR" (or TD, RL, BT) or "sequenceDiagram"`,
      },
    ]
  if (!body.length)
    return [{ line: header!.line, message: 'the diagram has nothing in it after its first line' }]
  const problems: MermaidProblem[] = []
  const open: number[] = []
  for (const { line, text } of body) {
    if (text === 'end') {
      if (open.pop() === undefined)
        problems.push({
          line,
          message: `"end" closes nothing: there is no open ${kind === 'flowchart' ? 'subgraph' : 'block (loop, alt, opt…)'}`,
        })
      continue
    }
    if (kind === 'flowchart') {
      if (/^subgraph\s+\S/.test(text)) open.push(line)
      else if (!FLOWCHART_STATEMENTS.some((p) => p.test(text))) {
        const problem = edgeLineProblem(text)
        if (problem) problems.push({ line, message: problem })
      }
    } else if (SEQUENCE_BLOCK.test(text)) open.push(line)
    else if (SEQUENCE_DIVIDER.test(text)) {
      if (!open.length)
        problems.push({ line, message: `"${text.split(/\s/)[0]}" belongs inside an alt or par block` })
    } else if (!SEQUENCE_STATEMENTS.some((p) => p.test(text)))
      problems.push({
        line,
        message: `could not read "${text}": expected a message (A->>B: text, A-->>B: reply), participant, actor or Note`,
      })
  }
  for (const line of open)
    problems.push({
      line,
      message: `this ${kind === 'flowchart' ? 'subgraph' : 'block'} is never closed: add a line "end"`,
    })
  return problems
}
