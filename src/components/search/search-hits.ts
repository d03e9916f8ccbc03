/**
 * Pagefind's results as the search dialog shows them: per lesson its topic and title, and up
 * to three passages, each linking to the heading it sits under (Pagefind's sub-results carry
 * the heading's id in their URL).
 */

/** The part of Pagefind's result data this UI reads (pagefind.js `result.data()`). */
export interface PagefindSubResult {
  title: string
  url: string
  excerpt: string
  weighted_locations?: { weight: number }[]
  locations?: number[]
}

export interface PagefindResultData {
  url: string
  excerpt: string
  meta: Record<string, string | undefined>
  sub_results?: PagefindSubResult[]
}

export interface SearchPassage {
  /** The heading the passage is under, or the lesson's title before its first heading. */
  heading: string
  url: string
  /** Pagefind's excerpt: text with the matched words in <mark>. Render with excerptNodes. */
  excerpt: string
}

export interface SearchHit {
  topic: string
  lesson: string
  passages: SearchPassage[]
}

export const PASSAGES_PER_LESSON = 3

function weight(sub: PagefindSubResult): number {
  if (sub.weighted_locations?.length) return sub.weighted_locations.reduce((sum, l) => sum + l.weight, 0)
  return sub.locations?.length ?? 0
}

export function toHit(data: PagefindResultData): SearchHit {
  const lesson = data.meta.title ?? data.url
  const subs = data.sub_results ?? []
  // The best-matching passages, shown in the order they appear in the lesson.
  const best = subs
    .map((sub, order) => ({ sub, order, weight: weight(sub) }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, PASSAGES_PER_LESSON)
    .sort((a, b) => a.order - b.order)
  const passages = best.map(({ sub }) => ({
    heading: sub.title || lesson,
    url: sub.url,
    excerpt: sub.excerpt,
  }))
  return {
    topic: data.meta.topic ?? '',
    lesson,
    passages: passages.length ? passages : [{ heading: lesson, url: data.url, excerpt: data.excerpt }],
  }
}

/** What the live region says once a search has answered. */
export function resultsSummary(query: string, total: number, shown: number): string {
  if (total === 0) return `No lessons match “${query}”.`
  const lessons = total === 1 ? '1 lesson matches' : `${total} lessons match`
  return shown < total ? `${lessons} “${query}”; showing the best ${shown}.` : `${lessons} “${query}”.`
}

/**
 * An excerpt as DOM nodes: its text, and <mark> around matched words, nothing else. Parsed in
 * an inert <template>, so markup in indexed text can never become elements or run.
 */
export function excerptNodes(excerpt: string, doc: Document = document): Node[] {
  const template = doc.createElement('template')
  template.innerHTML = excerpt
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = doc.createElement('mark')
      mark.textContent = node.textContent
      return mark
    }
    return doc.createTextNode(node.textContent ?? '')
  })
}
