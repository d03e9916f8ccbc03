import { expect, test } from 'vitest'
import { importRoots, packageRoot } from './import-roots.ts'

test('finds the package of every kind of import, once each', () => {
  const source = `
import { Hono } from 'hono'
import { cors } from "hono/cors"
import type { Context } from 'hono'
import { zValidator } from '@hono/zod-validator'
import * as z from 'zod/v4'
import './side-effect.css'
import data from './data.json'
export { x } from 'react-dom/client'
const OpenAI = await import('openai')
const legacy = require('react')
import 'node:fs'
`
  expect(importRoots(source)).toEqual(['@hono/zod-validator', 'hono', 'openai', 'react', 'react-dom', 'zod'])
})

test('packageRoot keeps scopes and ignores relative, absolute and scheme specifiers', () => {
  expect(packageRoot('@hono/zod-validator/sub')).toBe('@hono/zod-validator')
  expect(packageRoot('hono/jsx/dom')).toBe('hono')
  expect(packageRoot('./app')).toBeUndefined()
  expect(packageRoot('/abs')).toBeUndefined()
  expect(packageRoot('https://esm.sh/x')).toBeUndefined()
  expect(packageRoot('node:fs')).toBeUndefined()
})
