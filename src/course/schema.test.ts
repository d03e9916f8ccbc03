import { describe, expect, it } from 'vitest'
import { validateLessonSource } from './validate-content.ts'
import { describeIssues, topicSchema } from './schema.ts'

const good = `---
title: Your first endpoint
description: Build GET /hello and call it from a page.
order: 3
minutes: 15
objectives:
  - Write a Hono route
sandboxes: [hello-hono]
---

Body.
`

describe('lesson frontmatter schema', () => {
  it('accepts a complete lesson', () => {
    expect(validateLessonSource('l.mdx', good)).toEqual([])
  })

  it.each([
    ['title', good.replace('title: Your first endpoint\n', ''), /^title: /],
    ['minutes type', good.replace('minutes: 15', 'minutes: "fifteen"'), /^minutes: .*number/],
    ['order range', good.replace('order: 3', 'order: 0'), /^order: /],
    [
      'objectives empty',
      good.replace('objectives:\n  - Write a Hono route', 'objectives: []'),
      /^objectives: must list at least one/,
    ],
    ['unknown key', good.replace('order: 3', 'order: 3\nauthor: me'), /author/],
    [
      'sandbox name',
      good.replace('[hello-hono]', '[Hello Hono]'),
      /^sandboxes\.0: must be a sandbox folder name/,
    ],
    [
      'description short',
      good.replace('Build GET /hello and call it from a page.', 'Short'),
      /^description: /,
    ],
  ])('rejects a bad %s and names the field', (_case, source, message) => {
    const problems = validateLessonSource('content/lessons/01-x/03-y.mdx', source)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]!.file).toBe('content/lessons/01-x/03-y.mdx')
    expect(problems.map((p) => p.problem).join('\n')).toMatch(message)
  })

  it('reports a file with no frontmatter and one with broken YAML', () => {
    expect(validateLessonSource('a.mdx', '# Hi')[0]!.problem).toMatch(/no frontmatter/)
    expect(validateLessonSource('a.mdx', '---\ntitle: [oops\n---\n')[0]!.problem).toMatch(/not valid YAML/)
  })
})

describe('topic.json schema', () => {
  const topic = {
    title: 'Capstone',
    summary: 'One project that uses the whole course, checked like a client would.',
    order: 11,
  }

  it('makes a folder a numbered topic unless it says it is the capstone', () => {
    expect(topicSchema.parse(topic).kind).toBe('topic')
    expect(topicSchema.parse({ ...topic, kind: 'capstone' }).kind).toBe('capstone')
  })

  it('names the field when the kind is unknown', () => {
    const result = topicSchema.safeParse({ ...topic, kind: 'project' })
    expect(result.success).toBe(false)
    expect(describeIssues(result.error!).join('\n')).toMatch(/^kind: /)
  })
})
