import { describe, expect, test } from 'vitest'
import { EditStore, sameFiles, starterVersion } from './persistence.ts'
import { memoryStorage } from './testing/memory-storage.ts'

const starter = { 'src/app.ts': "app.get('/hello')\n", 'src/data.ts': 'export const x = 1\n' }

describe('starterVersion', () => {
  test('is stable and independent of key order', () => {
    const reordered = { 'src/data.ts': starter['src/data.ts'], 'src/app.ts': starter['src/app.ts'] }
    expect(starterVersion(starter)).toBe(starterVersion(reordered))
    expect(starterVersion(starter)).toMatch(/^[0-9a-z]+$/)
  })

  test('changes when any file content or path changes', () => {
    const base = starterVersion(starter)
    expect(starterVersion({ ...starter, 'src/app.ts': "app.get('/hi')\n" })).not.toBe(base)
    expect(
      starterVersion({ 'src/app2.ts': starter['src/app.ts'], 'src/data.ts': starter['src/data.ts'] }),
    ).not.toBe(base)
    // Moving text between a path and its content must not collide.
    expect(starterVersion({ ab: 'c' })).not.toBe(starterVersion({ a: 'bc' }))
  })
})

describe('EditStore', () => {
  test('keeps nothing for an untouched sandbox and loads saved edits', () => {
    const storage = memoryStorage()
    const store = new EditStore('hello-hono', starter, storage)
    expect(store.load()).toBeUndefined()
    expect(store.save({ ...starter })).toBe(true)
    expect(storage.data.size).toBe(0)

    const edited = { ...starter, 'src/app.ts': "app.get('/bye')\n" }
    store.save(edited, new Date('2026-01-02T03:04:05Z'))
    const loaded = new EditStore('hello-hono', starter, storage).load()
    expect(loaded).toEqual({ files: edited, stale: false, savedAt: '2026-01-02T03:04:05.000Z' })
  })

  test('saving the starter again removes the record', () => {
    const storage = memoryStorage()
    const store = new EditStore('hello-hono', starter, storage)
    store.save({ ...starter, 'src/app.ts': 'changed' })
    expect(storage.data.size).toBe(1)
    store.save({ ...starter })
    expect(store.load()).toBeUndefined()
  })

  test('edits are per sandbox', () => {
    const storage = memoryStorage()
    new EditStore('a', starter, storage).save({ ...starter, 'src/app.ts': 'A' })
    expect(new EditStore('b', starter, storage).load()).toBeUndefined()
  })

  test('notices an updated starter and keeps the learner code until they choose', () => {
    const storage = memoryStorage()
    const edited = { ...starter, 'src/app.ts': 'mine' }
    new EditStore('hello-hono', starter, storage).save(edited)

    const newStarter = { ...starter, 'src/data.ts': 'export const x = 2\n' }
    const store = new EditStore('hello-hono', newStarter, storage)
    const loaded = store.load()
    expect(loaded?.stale).toBe(true)
    expect(loaded?.files['src/app.ts']).toBe('mine')

    store.acceptStarter(loaded!.files)
    expect(store.load()?.stale).toBe(false)
  })

  test('files removed from the starter are dropped, new ones start from the starter', () => {
    const storage = memoryStorage()
    new EditStore('s', starter, storage).save({ ...starter, 'src/data.ts': 'edited' })
    const next = { 'src/app.ts': starter['src/app.ts'], 'src/new.ts': 'new file' }
    expect(new EditStore('s', next, storage).load()?.files).toEqual(next)
  })

  test('corrupt or foreign records are ignored, not thrown', () => {
    const storage = memoryStorage()
    storage.setItem('course.sandbox.v1:s', '{not json')
    expect(new EditStore('s', starter, storage).load()).toBeUndefined()
    storage.setItem('course.sandbox.v1:s', JSON.stringify({ starter: 'x', files: { 'src/app.ts': 42 } }))
    expect(new EditStore('s', starter, storage).load()).toBeUndefined()
    storage.setItem('course.sandbox.v1:s', '"a string"')
    expect(new EditStore('s', starter, storage).load()).toBeUndefined()
  })

  test('undo snapshot survives a new store (a reload) and can be dropped', () => {
    const storage = memoryStorage()
    const mine = { ...starter, 'src/app.ts': 'mine' }
    new EditStore('s', starter, storage).keepForUndo(mine, 'Reset', new Date('2026-01-01T00:00:00Z'))
    const store = new EditStore('s', starter, storage)
    expect(store.undoSnapshot()).toEqual({ files: mine, action: 'Reset', at: '2026-01-01T00:00:00.000Z' })
    store.dropUndo()
    expect(store.undoSnapshot()).toBeUndefined()
  })

  test('a store that refuses writes reports it instead of throwing', () => {
    const store = new EditStore('s', starter, memoryStorage({ refuseWrites: true }))
    expect(store.save({ ...starter, 'src/app.ts': 'x' })).toBe(false)
    expect(store.keepForUndo(starter, 'Reset')).toBe(false)
    expect(store.load()).toBeUndefined()
  })
})

test('sameFiles compares paths and contents', () => {
  expect(sameFiles({ a: '1' }, { a: '1' })).toBe(true)
  expect(sameFiles({ a: '1' }, { a: '2' })).toBe(false)
  expect(sameFiles({ a: '1' }, { a: '1', b: '' })).toBe(false)
})
