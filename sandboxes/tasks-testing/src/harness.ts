/**
 * A tiny test runner with Vitest's shape (test, expect(x).toBe/toEqual), small enough to run in
 * the browser. In a real project you would import { test, expect } from 'vitest' instead and
 * keep every test below unchanged.
 */
type TestFn = () => Promise<void> | void
const registered: { name: string; fn: TestFn }[] = []

export function test(name: string, fn: TestFn): void {
  registered.push({ name, fn })
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}

// Same keys and values, arrays in the same order: what toEqual means for JSON data.
function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

export function expect(actual: unknown) {
  return {
    toBe(expected: unknown) {
      if (!Object.is(actual, expected)) throw new Error(`expected ${show(expected)}, got ${show(actual)}`)
    },
    toEqual(expected: unknown) {
      if (!equal(actual, expected)) throw new Error(`expected ${show(expected)}, got ${show(actual)}`)
    },
  }
}

export interface TestReport {
  passed: number
  failed: number
  results: { name: string; ok: boolean; error?: string }[]
}

/** Runs every registered test, one after another, and reports each one. */
export async function runTests(): Promise<TestReport> {
  const results: TestReport['results'] = []
  for (const { name, fn } of registered) {
    try {
      await fn()
      results.push({ name, ok: true })
    } catch (err) {
      results.push({ name, ok: false, error: err instanceof Error ? err.message : String(err) })
    }
  }
  const passed = results.filter((r) => r.ok).length
  return { passed, failed: results.length - passed, results }
}
