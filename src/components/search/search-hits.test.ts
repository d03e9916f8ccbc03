import { describe, expect, it } from 'vitest'
import { PASSAGES_PER_LESSON, resultsSummary, toHit } from './search-hits.ts'

const sub = (title: string, id: string, weight: number) => ({
  title,
  url: `/lessons/a/b/#${id}`,
  excerpt: `about <mark>${id}</mark>`,
  weighted_locations: [{ weight }],
})

describe('toHit', () => {
  it('names topic and lesson and keeps the best passages in page order', () => {
    const hit = toHit({
      url: '/lessons/a/b/',
      excerpt: 'page',
      meta: { title: 'Headers', topic: 'Web servers' },
      sub_results: [
        sub('Intro', 'intro', 1),
        sub('ETags', 'etags', 5),
        sub('Vary', 'vary', 3),
        sub('Redirects', 'redirects', 4),
      ],
    })
    expect(hit.topic).toBe('Web servers')
    expect(hit.lesson).toBe('Headers')
    expect(hit.passages).toHaveLength(PASSAGES_PER_LESSON)
    expect(hit.passages.map((p) => p.url)).toEqual([
      '/lessons/a/b/#etags',
      '/lessons/a/b/#vary',
      '/lessons/a/b/#redirects',
    ])
    expect(hit.passages[0]).toEqual({
      heading: 'ETags',
      url: '/lessons/a/b/#etags',
      excerpt: 'about <mark>etags</mark>',
    })
  })
  it('falls back to the page and its excerpt without sub-results', () => {
    expect(toHit({ url: '/lessons/a/b/', excerpt: 'x <mark>y</mark>', meta: { title: 'T' } })).toEqual({
      topic: '',
      lesson: 'T',
      passages: [{ heading: 'T', url: '/lessons/a/b/', excerpt: 'x <mark>y</mark>' }],
    })
  })
})

describe('resultsSummary', () => {
  it('says how many lessons match, and when only the best are shown', () => {
    expect(resultsSummary('etag', 0, 0)).toBe('No lessons match “etag”.')
    expect(resultsSummary('etag', 1, 1)).toBe('1 lesson matches “etag”.')
    expect(resultsSummary('etag', 12, 8)).toBe('12 lessons match “etag”; showing the best 8.')
  })
})
