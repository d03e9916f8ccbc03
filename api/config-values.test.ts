import { describe, expect, it } from 'vitest'
import { ConfigError, readInt, readOrigin, readOrigins } from './config-values.ts'

describe('readInt, the one reader of whole numbers (ports, limits, deadlines)', () => {
  const range = { min: 1, max: 65535 }

  it('reads digits, with _ as a thousands separator; blank is the default', () => {
    expect(readInt({ PORT: ' 8080 ' }, 'PORT', 4321, range)).toBe(8080)
    expect(readInt({ N: '1_000' }, 'N', 1, { min: 1, max: 10_000 })).toBe(1000)
    expect(readInt({ PORT: '' }, 'PORT', 4321, range)).toBe(4321)
    expect(readInt({}, 'PORT', 4321, range)).toBe(4321)
  })

  it.each([
    ['abc', /PORT must be a whole number between 1 and 65535, got "abc"/],
    ['80.5', /PORT must be a whole number/],
    ['-1', /PORT must be a whole number/],
    ['0', /PORT must be between 1 and 65535, got 0/],
    ['99999999999999999999', /PORT must be between 1 and 65535/],
  ])('refuses PORT=%s, naming the variable and the range', (value, message) => {
    expect(() => readInt({ PORT: value }, 'PORT', 4321, range)).toThrow(ConfigError)
    expect(() => readInt({ PORT: value }, 'PORT', 4321, range)).toThrow(message)
  })

  it('names the unit when it has one', () => {
    expect(() => readInt({ T: '5s' }, 'T', 5000, { min: 100, max: 1000, unit: 'milliseconds' })).toThrow(
      'T must be a whole number of milliseconds between 100 and 1000, got "5s".',
    )
  })
})

describe('readOrigin, the one reader of origins (SANDBOX_ORIGIN, COURSE_ORIGIN, allow-lists)', () => {
  it('returns the origin as a browser sends it in Origin', () => {
    expect(readOrigin(' HTTPS://Sandbox.Example:443/ ', 'SANDBOX_ORIGIN')).toBe('https://sandbox.example')
    expect(readOrigin('http://[::1]:4322', 'X')).toBe('http://[::1]:4322')
  })

  it.each([
    'sandbox.example',
    'ftp://sandbox.example',
    'https://sandbox.example/app',
    'https://sandbox.example?x=1',
    'https://sandbox.example#top',
    'https://user:pw@sandbox.example',
    'https://:pw@sandbox.example',
    'https://*.example.com',
    '*',
    'null',
  ])('refuses %s where one origin is meant', (value) => {
    expect(() => readOrigin(value, 'SANDBOX_ORIGIN')).toThrow(/^SANDBOX_ORIGIN must be/)
  })

  it('in an allow-list, also takes *.subdomain patterns, null and *', () => {
    const rules = { patterns: true }
    expect(readOrigin('https://*.Example.com', 'A', rules)).toBe('https://*.example.com')
    expect(readOrigin('null', 'A', rules)).toBe('null')
    expect(readOrigin('*', 'A', rules)).toBe('*')
    expect(() => readOrigin('https://a.*.example.com', 'A', rules)).toThrow(/A must be an http\(s\) origin/)
    expect(() => readOrigin('https://*', 'A', rules)).toThrow(/A must be an http\(s\) origin/)
  })

  it('reads comma-separated lists, the fallback when unset or blank', () => {
    expect(readOrigins({ L: 'https://a.example/, ,https://b.example' }, 'L', [])).toEqual([
      'https://a.example',
      'https://b.example',
    ])
    expect(readOrigins({ L: ' ' }, 'L', ['http://127.0.0.1:4321'])).toEqual(['http://127.0.0.1:4321'])
  })
})
