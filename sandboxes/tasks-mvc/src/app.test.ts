import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-mvc', () => {
  it('renders the list, filters it, and escapes titles', async () => {
    const page = await (await app.request('/tasks?filter=open')).text()
    expect(page).toContain('Book the venue')
    expect(page).not.toContain('Write the launch plan')
    const form = new URLSearchParams({ title: '<script>alert(1)</script>' })
    const created = await app.request('/tasks', { method: 'POST', body: form })
    expect(created.status).toBe(303)
    const all = await (await app.request('/tasks')).text()
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('shows the form again with 400 for an empty title, and 404 for an unknown task', async () => {
    const bad = await app.request('/tasks', { method: 'POST', body: new URLSearchParams({ title: ' ' }) })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('role="alert"')
    expect((await app.request('/tasks/t99')).status).toBe(404)
  })
})
