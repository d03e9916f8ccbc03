import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { z } from 'zod'

// Your task:
// 1. Make the schema say what a new task is: a title of 1–200 characters once trimmed,
//    `done` an optional boolean (false when left out), `assigneeId` an optional string or null.
// 2. Give every bad body the course's error shape, with status 400:
//      { "error": "Invalid task", "issues": [{ "path": "title", "message": "…" }] }
//    (zValidator takes a third argument, a hook that sees the result before your handler).
// 3. Malformed JSON is refused before the hook runs: answer it with { "error": "…" } too.
const NewTask = z.object({
  title: z.string(),
})

type Task = z.infer<typeof NewTask> & { id: string }
const tasks: Task[] = []

const app = new Hono()

app.post('/tasks', zValidator('json', NewTask), (c) => {
  const input = c.req.valid('json') // typed from the schema, and already checked
  const task = { id: `t${tasks.length + 5}`, ...input }
  tasks.push(task)
  return c.json(task, 201, { Location: `/tasks/${task.id}` })
})

export default app
