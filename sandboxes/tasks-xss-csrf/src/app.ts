import { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { html, raw } from 'hono/html'
import { secureHeaders } from 'hono/secure-headers'

// Flip these to see each attack work (false) and fail (true). Run again after each change.
const ESCAPE_OUTPUT = false
const CHECK_ORIGIN = false
const SECURE_HEADERS = false

const app = new Hono()

// Secure headers on every response: a Content-Security-Policy that allows only this site's own
// scripts (so an injected inline script does not run even if escaping fails somewhere),
// nosniff, a strict Referrer-Policy, Strict-Transport-Security and more.
if (SECURE_HEADERS) {
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        // A real site also sends frameAncestors: ["'none'"] (no framing, against clickjacking);
        // left out here because this sandbox's preview is itself a frame.
      },
    }),
  )
}

// CSRF: refuse form-style POSTs (form-encoded, multipart, text/plain) whose Origin is another
// site's, unless the browser says Sec-Fetch-Site: same-origin.
if (CHECK_ORIGIN) app.use(csrf())

// One attacker-written title is already stored: stored data is input too.
const titles = [
  'Book the venue',
  "Nice work! <img src=x onerror=\"document.querySelector('h1').textContent='Hacked by a task title'\">",
]

app.get('/', (c) => {
  // html`…` escapes every ${value}: < becomes &lt;, " becomes &quot;. raw() switches that off.
  const items = titles.map((t) => (ESCAPE_OUTPUT ? html`<li>${t}</li>` : html`<li>${raw(t)}</li>`))
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>Tasks</title>
        </head>
        <body>
          <h1>Tasks</h1>
          <ul>
            ${items}
          </ul>
          <form method="post" action="/tasks">
            <input name="title" aria-label="New task" required />
            <button>Add</button>
          </form>
        </body>
      </html>`,
  )
})

// A state-changing route that a form (yours, or another site's) can call.
app.post('/tasks', async (c) => {
  const form = await c.req.parseBody()
  const title = typeof form.title === 'string' ? form.title.trim() : ''
  if (!title || title.length > 200) return c.text('title must be 1 to 200 characters', 400)
  titles.push(title)
  return c.redirect('/', 303) // after a POST, send the browser to a page to GET
})

export default app
