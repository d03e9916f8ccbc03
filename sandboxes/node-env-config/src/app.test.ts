import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { readConfig } from './config.ts'

function appWithNotesIn(dir: string) {
  const config = readConfig({
    APP_NAME: 'Test notes',
    NODE_ENV: 'test',
    NOTES_FILE: join(dir, 'nested', 'notes.json'),
  })
  return { app: createApp(config), file: config.notesFile }
}

describe('node-env-config', () => {
  it('reports its settings from the environment', async () => {
    const { app } = appWithNotesIn(mkdtempSync(join(tmpdir(), 'notes-')))
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ app: 'Test notes', environment: 'test', node: process.version })
  })

  it('starts with no notes when the file does not exist, then writes new ones to disk', async () => {
    const { app, file } = appWithNotesIn(mkdtempSync(join(tmpdir(), 'notes-')))
    expect(await (await app.request('/notes')).json()).toEqual([])

    const res = await app.request('/notes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text":"Buy milk"}',
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ id: 1, text: 'Buy milk' })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject([{ id: 1, text: 'Buy milk' }])

    // A second app on the same file (a restarted server) sees the note.
    const restarted = createApp(readConfig({ NOTES_FILE: file }))
    expect(await (await restarted.request('/notes')).json()).toMatchObject([{ text: 'Buy milk' }])
  })

  it('keeps every note when many are posted at once, and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notes-'))
    const { app, file } = appWithNotesIn(dir)
    const post = (i: number) =>
      app.request('/notes', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: `note ${i}` }),
      })
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i)))
    expect(answers.every((r) => r.status === 201)).toBe(true)
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { id: number }[]
    expect(stored.map((n) => n.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(readdirSync(join(dir, 'nested'))).toEqual(['notes.json'])
  })

  it('answers 400 for a note without text', async () => {
    const { app } = appWithNotesIn(mkdtempSync(join(tmpdir(), 'notes-')))
    for (const body of ['{}', '{"text":"  "}', 'not json']) {
      const res = await app.request('/notes', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(res.status, body).toBe(400)
    }
  })

  it('refuses bad settings with a message naming the variable', () => {
    expect(readConfig({})).toEqual({
      appName: 'Notes API',
      environment: 'development',
      port: 3000,
      notesFile: 'data/notes.json',
    })
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/)
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => readConfig({ NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV must be one of development, production, test/,
    )
  })
})
