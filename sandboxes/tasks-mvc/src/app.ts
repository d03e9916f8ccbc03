/**
 * Controller: each route reads the request, asks the model, and picks a view. No HTML here
 * and no rules: both live in their own modules.
 */
import { Hono } from 'hono'
import { addTask, findTask, listTasks, toggleTask, ValidationError } from './model.ts'
import { notFoundPage, taskListPage, taskPage } from './views.ts'

const app = new Hono()

app.get('/', (c) => c.redirect('/tasks'))

app.get('/tasks', (c) => {
  const filter = c.req.query('filter') === 'open' ? 'open' : 'all'
  return c.html(taskListPage(listTasks(filter), filter))
})

app.get('/tasks/:id', (c) => {
  const task = findTask(c.req.param('id'))
  return task ? c.html(taskPage(task)) : c.html(notFoundPage(), 404)
})

app.post('/tasks', async (c) => {
  const form = await c.req.parseBody()
  try {
    addTask(typeof form.title === 'string' ? form.title : '')
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    // Show the form again with the error, and a status that says the input was wrong.
    return c.html(taskListPage(listTasks(), 'all', err.message), 400)
  }
  // POST-redirect-GET: the browser lands on a page it can reload without posting again.
  return c.redirect('/tasks', 303)
})

app.post('/tasks/:id/toggle', (c) =>
  toggleTask(c.req.param('id')) ? c.redirect('/tasks', 303) : c.html(notFoundPage(), 404),
)

export default app
