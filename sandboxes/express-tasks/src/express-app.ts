import express, { type NextFunction, type Request, type Response } from 'express'
import { newTask, seedTasks, titleProblem } from './tasks.ts'

const tasks = seedTasks()

export const expressApp = express()

// Middleware run in the order they are added. express.json() parses bodies whose
// Content-Type is application/json and leaves req.body undefined for anything else.
expressApp.use(express.json({ limit: '10kb' }))

expressApp.get('/tasks/:id', (req: Request, res: Response) => {
  const task = tasks.get(req.params.id as string)
  if (!task) {
    res.status(404).json({ error: 'Task not found' })
    return
  }
  res.json(task)
})

expressApp.post('/tasks', (req: Request, res: Response) => {
  // express.json() skipped any other type, so say so rather than "title is required".
  if (!req.is('application/json')) {
    res.status(415).json({ error: 'Send the task as application/json' })
    return
  }
  // req.body is typed `any`: TypeScript cannot tell you it might be undefined or a number.
  const title: unknown = req.body?.title
  const problem = titleProblem(title)
  if (problem) {
    res.status(400).json({ error: problem })
    return
  }
  const task = newTask(tasks, title as string)
  res.status(201).location(`/tasks/${task.id}`).json(task)
})

// Four parameters make this an error handler. Without it, malformed JSON gets Express's
// default answer: an HTML page (and a stack trace when NODE_ENV is not "production").
expressApp.use(
  (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'Body is not valid JSON' })
      return
    }
    if (err.type === 'entity.too.large') {
      res.status(413).json({ error: 'Body is larger than 10 kB' })
      return
    }
    console.error(err)
    res.status(500).json({ error: 'Internal server error' })
  },
)
