import { describe, expect, it } from 'vitest'
import app from './app.ts'

describe('tasks-xss-csrf (the attacks work until the switches are flipped)', () => {
  it('renders the stored title unescaped, with no CSP', async () => {
    const res = await app.request('/')
    expect(await res.text()).toContain('<img src=x onerror="document.querySelector(')
    expect(res.headers.get('content-security-policy')).toBeNull()
  })

  it('accepts a cross-site form post', async () => {
    const res = await app.request('/tasks', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'title=Transfer+the+project+to+Mallory',
    })
    expect(res.status).toBe(303)
  })
})
