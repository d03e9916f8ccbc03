import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'

// What a client may send when it creates a task. Defaults fill what it leaves out.
const NewTask = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'title must not be empty')
    .max(200, 'title must be 200 characters or fewer'),
  done: z.boolean().default(false),
  assigneeId: z.string().nullable().default(null),
})

type Task = z.infer<typeof NewTask> & { id: string }
const tasks: Task[] = []

const app = new Hono()

// One error shape for every invalid body: a sentence, and each problem with the field it is about.
const validTask = zValidator('json', NewTask, (result, c) => {
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }))
    return c.json({ error: 'Invalid task', issues }, 400)
  }
})

app.post('/tasks', validTask, (c) => {
  const input = c.req.valid('json')
  const task = { id: `t${tasks.length + 5}`, ...input }
  tasks.push(task)
  return c.json(task, 201, { Location: `/tasks/${task.id}` })
})

// Malformed JSON never reaches the hook: the validator throws an HTTPException (400) first.
app.onError((err, c) => {
  if (err instanceof HTTPException && err.status < 500) return c.json({ error: err.message }, err.status)
  console.error(err)
  return c.json({ error: 'Internal server error' }, 500)
})

export default app
