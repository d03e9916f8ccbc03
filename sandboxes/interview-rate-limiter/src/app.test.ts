import { describe, expect, it } from 'vitest'
import app from './app.ts'
import { fixedWindow } from './fixed-window.ts'

const login = (email: string) =>
  app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'guess' }),
  })

describe('interview-rate-limiter', () => {
  it('allows five attempts per account, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await login('ada@example.com')).status).toBe(401)
    const limited = await login('ADA@example.com ')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await login('grace@example.com')).status).toBe(401)
  })

  it('lets a burst of twice the limit through across a window boundary', () => {
    let time = 59_000
    const hit = fixedWindow(5, 60_000, () => time)
    const allowed = () => hit('k').allowed
    const before = Array.from({ length: 5 }, allowed)
    time = 60_001
    const after = Array.from({ length: 5 }, allowed)
    expect([...before, ...after].every(Boolean)).toBe(true) // ten attempts in two seconds
  })
})
