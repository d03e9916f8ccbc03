import { defineChecks } from '../../src/sandbox/checks.ts'

// GET / runs the tests in src/tasks.tests.ts and answers { passed, failed, results }.
export default defineChecks([
  {
    name: 'Every test passes',
    hint: 'Run, then read each failing result’s error in the response. A PATCH of an unknown id crashes on the `!` after tasks.get(…): what should it answer instead? And c.req.json() throws on malformed JSON.',
    request: { method: 'GET', path: '/' },
    expect: { status: 200, jsonIncludes: { failed: 0 } },
  },
  {
    name: 'Your test that a PATCH stays inside its own app is there, and passes',
    hint: 'test("…", async () => { … }) registers a test. Build two apps with createTasksApp(seed): PATCH through the first, GET through the second. If your new test fails, it found a real bug: look at what the Map in createTasksApp holds.',
    request: { method: 'GET', path: '/' },
    expect: {
      status: 200,
      jsonIncludes: {
        failed: 0,
        results: {
          $contains: {
            name: 'a PATCH in one app does not change another app built from the same seed',
            ok: true,
          },
        },
      },
    },
  },
])
