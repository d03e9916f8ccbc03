// GET / runs the tests in tasks.tests.ts against a fresh tasks app and answers the report.
import { Hono } from 'hono'
import { runTests } from './harness.ts'
import './tasks.tests.ts' // registers the tests

const app = new Hono()

app.get('/', async (c) => c.json(await runTests()))

export default app
