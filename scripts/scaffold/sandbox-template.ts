/** The files of a new sandbox (`npm run new:sandbox`), by path inside its folder. */

export interface NewSandbox {
  name: string
  title: string
  runtimes: string[]
  exercise: boolean
  /** hono, @hono/node-server, tsx and vitest: the course's own versions. */
  versions: Record<string, string>
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

const APP = (body: string) => `import { Hono } from 'hono'

const app = new Hono()

${body}

export default app
`

const STARTER_EXERCISE = `// Your task: answer GET /hello with the JSON {"message":"Hello, World!"} instead of plain
// text, then press Check.
app.get('/hello', (c) => c.text('Hello, World!'))`

const SOLUTION = `app.get('/hello', (c) => c.json({ message: 'Hello, World!' }))`

const SERVER = `// Runs the app under Node (\`npm run dev\`). In the course's browser runtime this file is not
// used: the runtime sends each request straight to the app's \`fetch\`.
import { serve } from '@hono/node-server'
import app from './app.ts'

const port = Number(process.env.PORT ?? 3000)

serve({ fetch: app.fetch, port }, (info) => {
  console.log(\`Listening on http://localhost:\${info.port}/hello\`)
})
`

const CHECKS = `import { defineChecks } from '../../src/sandbox/checks.ts'

export default defineChecks([
  {
    name: 'GET /hello answers JSON with a greeting',
    hint: 'c.json({ message: … }) answers JSON and sets Content-Type: application/json.',
    request: { method: 'GET', path: '/hello' },
    expect: {
      status: 200,
      headers: { 'Content-Type': { includes: 'application/json' } },
      json: { message: 'Hello, World!' },
    },
  },
])
`

export function sandboxFiles(sandbox: NewSandbox): Record<string, string> {
  const { name, title, runtimes, exercise, versions } = sandbox
  const files: Record<string, string> = {
    'sandbox.json': json({
      title,
      files: ['src/app.ts'],
      open: 'src/app.ts',
      runtimes,
      request: { method: 'GET', path: '/hello' },
    }),
    'package.json': json({
      name,
      version: '1.0.0',
      private: true,
      type: 'module',
      description: title,
      scripts: { dev: 'tsx watch src/server.ts', start: 'tsx src/server.ts', test: 'vitest run' },
      dependencies: { '@hono/node-server': versions['@hono/node-server'], hono: versions.hono },
      devDependencies: { tsx: versions.tsx, vitest: versions.vitest },
    }),
    'src/app.ts': APP(exercise ? STARTER_EXERCISE : SOLUTION),
    'src/server.ts': SERVER,
  }
  if (exercise) {
    files['checks.ts'] = CHECKS
    files['solution/src/app.ts'] = APP(SOLUTION)
  }
  return files
}
