/** Splits pretty-printed JSON into coloured tokens for the response view (keys, strings, numbers, literals). */

export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'text'

export interface JsonToken {
  text: string
  kind: JsonTokenKind
}

const TOKEN =
  /("(?:\\.|[^"\\\n])*")(?=\s*:)|("(?:\\.|[^"\\\n])*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])|([^"\d{}[\],:tfn-]+|.)/g

export function jsonTokens(text: string): JsonToken[] {
  const tokens: JsonToken[] = []
  for (const m of text.matchAll(TOKEN)) {
    const kind: JsonTokenKind = m[1]
      ? 'key'
      : m[2]
        ? 'string'
        : m[3]
          ? 'number'
          : m[4]
            ? 'literal'
            : m[5]
              ? 'punctuation'
              : 'text'
    const last = tokens[tokens.length - 1]
    if (last && last.kind === kind && kind === 'text') last.text += m[0]
    else tokens.push({ text: m[0], kind })
  }
  return tokens
}

/** The tokens as DOM: spans for coloured tokens, plain text for the rest. */
export function renderJson(text: string, doc: Document = document): DocumentFragment {
  const fragment = doc.createDocumentFragment()
  for (const token of jsonTokens(text)) {
    if (token.kind === 'text' || token.kind === 'punctuation') fragment.append(token.text)
    else {
      const span = doc.createElement('span')
      span.className = `sbx-json-${token.kind}`
      span.textContent = token.text
      fragment.append(span)
    }
  }
  return fragment
}
