import { describe, expect, it } from 'vitest'
import { coursePaths, sitemapXml } from './sitemap.ts'
import { llmsTxt, markdownHref } from './llms-txt.ts'

const topics = [
  {
    title: 'Intro',
    summary: 'What a backend is.',
    href: '/lessons/01-intro/',
    lessons: [{ href: '/lessons/01-intro/01-a/' }, { href: '/lessons/01-intro/02-b/' }],
  },
  {
    title: 'Data',
    summary: 'Databases.',
    href: '/lessons/02-data/',
    lessons: [{ href: '/lessons/02-data/01-c/' }],
  },
]

describe('sitemapXml', () => {
  it('lists home, every topic and every lesson as absolute URLs on the site', () => {
    expect(sitemapXml('https://course.example', coursePaths(topics))).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '  <url><loc>https://course.example/</loc></url>',
        '  <url><loc>https://course.example/lessons/01-intro/</loc></url>',
        '  <url><loc>https://course.example/lessons/01-intro/01-a/</loc></url>',
        '  <url><loc>https://course.example/lessons/01-intro/02-b/</loc></url>',
        '  <url><loc>https://course.example/lessons/02-data/</loc></url>',
        '  <url><loc>https://course.example/lessons/02-data/01-c/</loc></url>',
        '</urlset>',
        '',
      ].join('\n'),
    )
  })
  it('escapes XML and lists a path once', () => {
    const xml = sitemapXml('http://127.0.0.1:4321', ['/a?x=1&y=2', '/a?x=1&y=2'])
    expect(xml.match(/<loc>/g)).toHaveLength(1)
    expect(xml).toContain('<loc>http://127.0.0.1:4321/a?x=1&amp;y=2</loc>')
  })
  it('refuses a path that is not a site path', () => {
    expect(() => sitemapXml('https://course.example', ['https://elsewhere.example/'])).toThrow(
      /not a site path/,
    )
  })
})

describe('llmsTxt', () => {
  it('gives the course, then each topic with a Markdown link per lesson', () => {
    const txt = llmsTxt('https://course.example', {
      title: 'Backend Course',
      tagline: 'Learn backends.',
      topics: [
        {
          title: 'Intro',
          summary: 'What a backend is.',
          lessons: [
            { title: 'A', description: 'First.', markdownHref: markdownHref('/lessons/01-intro/01-a/') },
          ],
        },
      ],
    })
    expect(txt.startsWith('# Backend Course\n\n> Learn backends.\n')).toBe(true)
    expect(txt).toContain(
      '## Intro\n\nWhat a backend is.\n\n- [A](https://course.example/lessons/01-intro/01-a.md): First.\n',
    )
  })
})
