/**
 * The course's promise in the engines WebContainers cannot serve: Firefox (Gecko, over WebDriver
 * BiDi) and WebKitGTK's MiniBrowser (WebKit, Safari's engine, over classic WebDriver). A focused
 * smoke set against the production build, run by Playwright's test runner with one browser per
 * engine for the whole file (the `engine` option picks it: see playwright.config.ts).
 */
import { expect, test as base } from '@playwright/test'
import { launch, type Engine } from './engine.ts'
import type { EngineName } from '../../scripts/machine/browsers.ts'

const LESSON = '/lessons/01-what-is-backend/04-your-first-endpoint/'

const test = base.extend<object, { engine: Engine; engineOption: EngineName }>({
  engineOption: ['firefox', { option: true, scope: 'worker' }],
  engine: [
    async ({ engineOption }, use) => {
      const engine = await launch(engineOption)
      await use(engine)
      await engine.close()
    },
    { scope: 'worker', timeout: 60_000 },
  ],
})

// One browser per engine (a worker fixture), the specs in order; a failure does not stop the rest.
test.describe.configure({ mode: 'default' })
// Monaco and a cold runtime in a software-rendered browser on a loaded 2-core box: generous,
// and never a claim about speed (bench/engines prints the figures).
test.setTimeout(120_000)

test.afterEach(async ({ engine }) => {
  // Zero console errors on every page, in every engine.
  expect(engine.takeErrors()).toEqual([])
})

/** The runtime test page's hook, as in e2e/worker-runtime.spec.ts. */
async function openHarness(engine: Engine, baseURL: string, sandbox: string) {
  await engine.goto(`${baseURL}/test/runtime/${sandbox}/`)
  await engine.waitFor('async () => window.__runtimeTest !== undefined', 'the runtime test hook')
}

test('a lesson page loads, its sandbox becomes editable, and an edit survives a reload', async ({
  engine,
  baseURL,
}) => {
  await engine.goto(`${baseURL}${LESSON}`)
  const sandbox = 'course-sandbox[data-name="hello-hono"]'
  await engine.evaluate('async (s) => document.querySelector(s).scrollIntoView({ block: "center" })', sandbox)
  await engine.waitFor(
    'async (s) => document.querySelector(s)?.dataset.state === "ready" && !!document.querySelector(s + " .monaco-editor")',
    'the editor to be ready',
    { args: [sandbox], timeoutMs: 90_000 },
  )
  // Focus the editor at the end of the file (WebKitWebDriver finds Monaco's lines "not
  // interactable" for a click), then type as a learner does.
  await engine.evaluate(
    `async (s) => { const e = document.querySelector(s).sandbox.editor.editor; const m = e.getModel();
      const line = m.getLineCount(); e.setPosition({ lineNumber: line, column: m.getLineMaxColumn(line) }); e.focus() }`,
    sandbox,
  )
  await engine.type('\n// typed in another engine')
  const code = 'async (s) => document.querySelector(s).sandbox.editor.getFiles()["src/app.ts"]'
  await engine.waitFor(
    `async (s) => (await (${code})(s)).includes("// typed in another engine")`,
    'the typed text in the model',
    {
      args: [sandbox],
    },
  )
  // Saved in the browser: the edit is there after a reload.
  const saveStatus = 'async (s) => document.querySelector(s + " [data-save-status]")?.textContent'
  await engine.waitFor(
    `async (s) => (await (${saveStatus})(s)) === "Saved in this browser"`,
    'the save status',
    {
      args: [sandbox],
    },
  )
  await engine.reload()
  // Scrolled to the sandbox as a learner does, and again at any poll that finds it out of view
  // while not ready: a browser may restore the old scroll position late after load, moving the
  // page away from a sandbox that then never nears the viewport.
  const readyAfterScroll = `async (s) => {
    const el = document.querySelector(s)
    if (!el) return false
    if (el.dataset.state === "ready" && el.querySelector(".monaco-editor")) return true
    const r = el.getBoundingClientRect()
    if (r.bottom < 0 || r.top > innerHeight) el.scrollIntoView({ block: "center" })
    return false
  }`
  const state = `async (s) => { const el = document.querySelector(s)
    return JSON.stringify({ readyState: document.readyState, state: el?.dataset.state, scrollY, top: el?.getBoundingClientRect().top,
      editor: !!el?.querySelector(".monaco-editor"), status: el?.querySelector("[data-save-status]")?.textContent }) }`
  const withState = async (wait: Promise<unknown>) =>
    wait.catch(async (err: Error) => {
      throw new Error(`${err.message}; the page: ${await engine.evaluate(state, sandbox).catch(String)}`)
    })
  await withState(
    engine.waitFor(readyAfterScroll, 'the editor after a reload', { args: [sandbox], timeoutMs: 90_000 }),
  )
  await withState(
    engine.waitFor(
      `async (s) => (await (${code})(s)).includes("// typed in another engine")`,
      'the saved edit after a reload',
      {
        args: [sandbox],
      },
    ),
  )
  expect(await engine.evaluate(saveStatus, sandbox)).toBe('Your saved code')
  // Leave the lesson as the next learner finds it.
  await engine.evaluate('async () => localStorage.clear()')
})

test('Run + Send: the worker runtime answers a request', async ({ engine, baseURL }) => {
  await openHarness(engine, baseURL!, 'hello-hono')
  expect(await engine.evaluate('async () => window.__runtimeTest.run()')).toBeNull()
  const hello = await engine.evaluate<{ status: number; body: string }>(
    'async () => window.__runtimeTest.request("GET", "/hello")',
  )
  expect(hello).toMatchObject({ status: 200, body: 'Hello, World!' })
})

test("an exercise's checks fail on the starter and pass on the solution", async ({ engine, baseURL }) => {
  await openHarness(engine, baseURL!, 'hello-json-post')
  expect(await engine.evaluate('async () => window.__runtimeTest.run()')).toBeNull()
  const starter = await engine.evaluate<{ passed: boolean }[]>('async () => window.__runtimeTest.check()')
  expect(starter.length).toBeGreaterThan(0)
  expect(starter.some((c) => !c.passed)).toBe(true)
  expect(
    await engine.evaluate('async () => window.__runtimeTest.run(window.__runtimeTest.solution())'),
  ).toBeNull()
  const solution = await engine.evaluate<{ passed: boolean; name: string }[]>(
    'async () => window.__runtimeTest.check()',
  )
  expect(solution.filter((c) => !c.passed)).toEqual([])
})

test("a preview served through the Service Worker shows the app's page, and its XHR and fetch calls work", async ({
  engine,
  baseURL,
}) => {
  await openHarness(engine, baseURL!, 'hello-xhr-page')
  expect(await engine.evaluate('async () => window.__runtimeTest.run()')).toBeNull()
  const url = await engine.evaluate<string>('async () => window.__runtimeTest.showPreview()')
  // On the sandbox origin: a cross-origin iframe, its own document reached through the frame.
  expect(new URL(url).origin).not.toBe(new URL(baseURL!).origin)
  await engine.frame('#preview')
  await engine.waitFor(
    'async () => !!document.querySelector("#output") && [...document.querySelectorAll("button")].length > 0',
    'the preview page',
  )
  // Real clicks inside the cross-origin frame (the ids of hello-xhr-page's buttons).
  for (const [button, label] of [
    ['#with-xhr', 'XMLHttpRequest'],
    ['#with-fetch', 'fetch'],
  ]) {
    await engine.evaluate('async () => { document.querySelector("#output").textContent = "" }')
    await engine.click(button!)
    await engine.waitFor(
      'async () => document.querySelector("#output").textContent === "Hello, World!"',
      `the call with ${label} to answer`,
    )
  }
  await engine.frame(null)
})

test('a quiz can be answered: a wrong answer says so, right answers complete it and survive a reload', async ({
  engine,
  baseURL,
}) => {
  const quizLesson = '/lessons/01-what-is-backend/01-what-backend-development-is/'
  await engine.goto(`${baseURL}${quizLesson}`)
  await engine.evaluate('async () => localStorage.clear()')
  await engine.reload()
  // The answers come from the page (which options are marked correct), as in e2e/quiz.spec.ts.
  const questions = await engine.evaluate<{ q: string; correct: string[]; wrong: string }[]>(
    `async () => [...document.querySelectorAll('course-quiz form[data-question]')].map((f) => ({
      q: f.dataset.question,
      correct: [...f.querySelectorAll('li.quiz-option[data-correct]')].map((li) => li.dataset.index),
      wrong: f.querySelector('li.quiz-option:not([data-correct])').dataset.index,
    }))`,
  )
  expect(questions.length).toBeGreaterThanOrEqual(3)
  const form = (q: string) => `course-quiz form[data-question="${q}"]`
  const checked = (q: string) =>
    engine.evaluate<string[]>(
      'async (s) => [...document.querySelectorAll(s + " input:checked")].map((i) => i.value)',
      form(q),
    )
  /** Clicks option labels (as a learner taps them) until exactly `choose` is selected, then Check. */
  const answer = async (q: string, choose: string[]) => {
    const now = await checked(q)
    for (const i of new Set([...now, ...choose]))
      if (now.includes(i) !== choose.includes(i)) await engine.click(`label[for="quiz-q${q}-${i}"]`)
    expect((await checked(q)).sort()).toEqual([...choose].sort())
    await engine.click(`${form(q)} button[type="submit"]`)
  }
  const state = (q: string, value: string) =>
    engine.waitFor(
      'async (s, v) => document.querySelector(s)?.dataset.state === v',
      `question ${q} ${value}`,
      {
        args: [form(q), value],
      },
    )

  const first = questions[0]!
  await answer(first.q, [first.wrong])
  await state(first.q, 'wrong')
  expect(
    await engine.evaluate(
      `async () => document.querySelector('${form(first.q)} [data-quiz-feedback]').textContent`,
    ),
  ).toMatch(/^Not quite/)
  for (const { q, correct } of questions) {
    await answer(q, correct)
    await state(q, 'correct')
  }
  const summary = 'async () => document.querySelector("[data-quiz-summary]").textContent'
  expect(await engine.evaluate(summary)).toBe(
    `All ${questions.length} questions answered correctly. Lesson complete.`,
  )
  await engine.reload()
  for (const { q, correct } of questions) {
    await state(q, 'correct')
    expect((await checked(q)).sort()).toEqual([...correct].sort())
  }
  await engine.evaluate('async () => localStorage.clear()')
})
