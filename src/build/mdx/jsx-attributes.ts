/**
 * Build-time (Node): reads the attributes of an MDX JSX tag as the author wrote them, for the
 * mdast plugins that check lesson components (<Sandbox>, <Quiz>) where file and line are known.
 */

export interface JsxAttribute {
  type: string
  name?: string
  value?: unknown
}

export interface JsxNode {
  type?: string
  name: string | null
  attributes: JsxAttribute[]
  children?: unknown[]
  position?: { start: { line: number; column: number } }
}

/**
 * Props as written: string literals as strings, bare attributes as `true`, and `{'…'}` string
 * expressions as strings; any other `{…}` expression is a problem, since the build could not
 * check its value.
 */
export function readAttributes(node: JsxNode): { props: Record<string, unknown>; problems: string[] } {
  const props: Record<string, unknown> = {}
  const problems: string[] = []
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) {
      problems.push(
        'spread props ({...x}) are not supported: write name="…" literally so the build can check it',
      )
      continue
    }
    const value = attribute.value
    if (typeof value === 'string') props[attribute.name] = value
    else if (value === null || value === undefined) props[attribute.name] = true
    else if (typeof value === 'object' && 'value' in value) {
      const expression = String((value as { value: unknown }).value).trim()
      const literal = /^(['"])([^'"]*)\1$/.exec(expression)
      if (literal) props[attribute.name] = literal[2]
      else
        problems.push(
          `prop "${attribute.name}" is the expression {${expression}}: write ${attribute.name}="…" so the build can check it`,
        )
    }
  }
  return { props, problems }
}
