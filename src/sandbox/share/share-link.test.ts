import { describe, expect, it } from 'vitest'
import { changedFiles, decodeShare, encodeShare, ShareLinkError } from './share-link.ts'
import { sharedSandboxName } from './share-fragment.ts'

const code = {
  sandbox: 'hello-hono',
  starter: 'abc123',
  files: {
    'src/app.ts':
      "import { Hono } from 'hono'\nconst app = new Hono()\napp.get('/', (c) => c.text('héllo ✓ </script>'))\nexport default app\n",
    'public/index.html': '<!doctype html><p>hi</p>',
  },
}

async function rawFragment(sandbox: string, json: string): Promise<string> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
  return `#share=${sandbox}.${Buffer.from(bytes).toString('base64url')}`
}

async function reason(hash: string): Promise<string> {
  try {
    await decodeShare(hash)
  } catch (err) {
    expect(err).toBeInstanceOf(ShareLinkError)
    return (err as Error).message
  }
  throw new Error('decoded a bad link')
}

describe('share links', () => {
  it('round-trips the files, unicode and all, in a URL-safe fragment', async () => {
    const hash = await encodeShare(code)
    expect(hash).toMatch(/^#share=hello-hono\.[A-Za-z0-9_-]+$/)
    expect(sharedSandboxName(hash)).toBe('hello-hono')
    expect(await decodeShare(hash)).toEqual(code)
  })

  it('compresses: repetitive code makes a link much shorter than the code', async () => {
    const files = { 'src/app.ts': "app.get('/tasks', (c) => c.json(tasks))\n".repeat(100) }
    const hash = await encodeShare({ ...code, files })
    expect(hash.length).toBeLessThan(files['src/app.ts'].length / 10)
  })

  it('is not a share link: other fragments name no sandbox', () => {
    expect(sharedSandboxName('#objectives-title')).toBeUndefined()
    expect(sharedSandboxName('')).toBeUndefined()
    expect(sharedSandboxName('#share=Bad_Name.xyz')).toBeUndefined()
  })

  it('says what is wrong with a damaged link', async () => {
    const hash = await encodeShare(code)
    expect(await reason(hash.slice(0, hash.length - 12))).toMatch(/cut short or was changed/)
    expect(await reason('#share=hello-hono.')).toMatch(/no code in it/)
    expect(await reason('#share=hello-hono.abc$%')).toMatch(/characters a share link never has/)
    expect(await reason('#share=hello-hono.AAAA')).toMatch(/cut short or was changed/)
    expect(await reason('#nothing')).toMatch(/not a share link/)
  })

  it('refuses payloads that are not sandbox code, and ones from a newer format', async () => {
    expect(await reason(await rawFragment('x', '[1,2]'))).toMatch(/not sandbox code/)
    expect(await reason(await rawFragment('x', '{"v":1,"s":"a","f":{"a.ts":3}}'))).toMatch(/not sandbox code/)
    expect(await reason(await rawFragment('x', '{"v":2,"s":"a","f":{}}'))).toMatch(/newer version/)
    expect(await reason(await rawFragment('x', 'not json'))).toMatch(/not readable/)
  })

  it('stops unpacking a link that inflates past 1 MB', async () => {
    const bomb = await rawFragment(
      'x',
      JSON.stringify({ v: 1, s: 'a', f: { 'a.ts': ' '.repeat(2_000_000) } }),
    )
    expect(bomb.length).toBeLessThan(8000)
    expect(await reason(bomb)).toMatch(/over 1 MB/)
  })

  it('carries only the files that differ from the starter', () => {
    expect(changedFiles({ a: '1', b: '2' }, { a: '1', b: '3' })).toEqual({ b: '2' })
  })
})
