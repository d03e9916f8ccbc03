import { describe, expect, it } from 'vitest'
import app from './app.ts'
import { addTask } from './tasks.ts'

describe('tasks-headers', () => {
  it('answers JSON by default and CSV when asked, varying on Accept', async () => {
    const json = await app.request('/tasks')
    expect(json.headers.get('content-type')).toMatch(/^application\/json/)
    expect(json.headers.get('vary')).toBe('Accept')
    const csv = await app.request('/tasks', { headers: { Accept: 'text/csv' } })
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect((await csv.text()).split('\r\n')[1]).toBe('"t1","p1","Write the launch plan","true","u1"')
    expect((await app.request('/tasks', { headers: { Accept: 'image/png' } })).status).toBe(406)
  })

  it('answers 304 without a body when the ETag still matches', async () => {
    const first = await app.request('/tasks')
    const tag = first.headers.get('etag')
    expect(tag).toBeTruthy()
    const again = await app.request('/tasks', { headers: { 'If-None-Match': tag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('redirects the old address permanently and serves the page', async () => {
    const moved = await app.request('/todo')
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toBe('/tasks')
    process.chdir(new URL('..', import.meta.url).pathname)
    const page = await app.request('/')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>Tasks</h1>')
  })

  it('exports a title that looks like a formula as text, not as a formula', async () => {
    addTask('p1', '=HYPERLINK("https://evil.example","Click")')
    const csv = await (await app.request('/tasks', { headers: { Accept: 'text/csv' } })).text()
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`)
  })
})
