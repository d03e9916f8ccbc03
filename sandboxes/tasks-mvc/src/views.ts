/**
 * Views: data in, HTML out, nothing else. The html`` tag escapes every ${value}, so a task
 * titled <script> is shown as text (lesson 5.4 shows what happens without it).
 */
import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { Task } from './model.ts'

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

function layout(title: string, body: Html) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 36rem;
            margin: 2rem auto;
            padding: 0 1rem;
            line-height: 1.5;
          }
          .done {
            text-decoration: line-through;
            color: #555;
          }
          .error {
            color: #a00;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`
}

export function taskListPage(tasks: Task[], filter: 'all' | 'open', error?: string) {
  return layout(
    'Tasks',
    html`<h1>Tasks</h1>
      <p><a href="/tasks">All</a> · <a href="/tasks?filter=open">Open</a> (showing ${filter})</p>
      <ul>
        ${tasks.map(
          (t) =>
            html`<li>
              <form method="post" action="/tasks/${t.id}/toggle" style="display:inline">
                <button aria-label="Toggle ${t.title}">${t.done ? '✓' : '○'}</button>
              </form>
              <a class="${t.done ? 'done' : ''}" href="/tasks/${t.id}">${t.title}</a>
            </li>`,
        )}
      </ul>
      <form method="post" action="/tasks">
        <label>New task <input name="title" required maxlength="200" /></label>
        <button>Add</button>
        ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      </form>`,
  )
}

export function taskPage(task: Task) {
  return layout(
    task.title,
    html`<p><a href="/tasks">← All tasks</a></p>
      <h1>${task.title}</h1>
      <p>${task.done ? 'Done.' : 'Still open.'}</p>`,
  )
}

export function notFoundPage() {
  return layout(
    'Not found',
    html`<h1>No such task</h1>
      <p><a href="/tasks">All tasks</a></p>`,
  )
}
