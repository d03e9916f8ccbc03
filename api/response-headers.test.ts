import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { setAnswerHeader } from './response-headers.ts'

describe('setAnswerHeader', () => {
  const app = new Hono()
  app.use(async (c, next) => {
    await next()
    setAnswerHeader(c, 'X-Added', 'yes')
    setAnswerHeader(c, 'Content-Type', 'text/markdown; charset=utf-8')
  })
  app.get('/made', (c) => c.text('made here', 201, { 'X-Kept': 'kept' }))
  // Like one passed on from fetch, a redirect made by Response.redirect has immutable headers.
  app.get('/fetched', () => Response.redirect('http://course.example/next', 302))

  it('adds to and replaces the headers of an answer, keeping its status, body and other headers', async () => {
    const res = await app.request('/made')
    expect(res.status).toBe(201)
    expect(res.headers.get('x-added')).toBe('yes')
    expect(res.headers.get('x-kept')).toBe('kept')
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(await res.text()).toBe('made here')
  })

  it('falls back to a copy when the headers cannot be changed', async () => {
    const res = await app.request('/fetched')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('http://course.example/next')
    expect(res.headers.get('x-added')).toBe('yes')
  })
})
