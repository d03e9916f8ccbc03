import { Hono } from 'hono'
import { readConfig, type Config } from './config.ts'
import { addNote, readNotes } from './notes-store.ts'

export function createApp(config: Config) {
  const app = new Hono()

  // Where am I running, and with which settings? Try APP_NAME="Shopping list" npm start.
  app.get('/', (c) =>
    c.json({
      app: config.appName,
      environment: config.environment,
      node: process.version,
      notesFile: config.notesFile,
    }),
  )

  app.get('/notes', async (c) => c.json(await readNotes(config.notesFile)))

  app.post('/notes', async (c) => {
    const body = await c.req.json<{ text?: unknown }>().catch(() => null)
    const text = typeof body?.text === 'string' ? body.text.trim() : ''
    if (!text) return c.json({ error: 'Send JSON like {"text": "Buy milk"}' }, 400)
    return c.json(await addNote(config.notesFile, text), 201)
  })

  return app
}

const app = createApp(readConfig())
export default app
