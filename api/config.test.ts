import { describe, expect, it } from 'vitest'
import { ConfigError, distDir, readServerConfig, readSiteOrigin } from './config.ts'

describe('distDir', () => {
  it('is dist/ for a deploy build and dist-test/ for the build with the test-only pages', () => {
    expect(distDir({})).toBe('dist')
    expect(distDir({ COURSE_TEST_PAGES: '1' })).toBe('dist-test')
    expect(distDir({ COURSE_TEST_PAGES: '1', DIST_DIR: '/tmp/run-7/dist' })).toBe('/tmp/run-7/dist')
  })

  it('refuses to put the test-only pages into dist/, the folder a deploy serves', () => {
    for (const DIST_DIR of ['dist', './dist', 'dist/'])
      expect(() => distDir({ COURSE_TEST_PAGES: '1', DIST_DIR })).toThrow(/never into dist\//)
    expect(() => readServerConfig({ COURSE_TEST_PAGES: '1', DIST_DIR: 'dist' })).toThrow(ConfigError)
  })
})

describe('readServerConfig', () => {
  it('uses safe defaults: loopback on 4321', () => {
    expect(readServerConfig({})).toMatchObject({ port: 4321, host: '127.0.0.1', distDir: 'dist' })
  })

  it('reads PORT, HOST and DIST_DIR', () => {
    expect(readServerConfig({ PORT: '8080', HOST: '0.0.0.0', DIST_DIR: '/srv/site' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      distDir: '/srv/site',
    })
  })

  it('derives the sandbox origin for the course on PORT', () => {
    expect(readServerConfig({ PORT: '8080', DIST_DIR: '/srv/site' }).sandbox).toMatchObject({
      port: 8081,
      courseOrigins: ['http://127.0.0.1:8080', 'http://localhost:8080'],
      distDir: '/srv/site-sandbox',
    })
  })

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '0', /PORT must be between 1 and 65535/],
    ['PORT', '70000', /PORT must be between 1 and 65535, got 70000/],
    ['PORT', '80.5', /PORT must be a whole number/],
    ['HOST', 'http://localhost', /HOST must be a host name or IP address/],
    ['HOST', 'localhost:3000', /HOST must be a host name or IP address/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => readServerConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => readServerConfig({ [name]: value })).toThrow(message)
  })
})

describe('readSiteOrigin', () => {
  it('is the first COURSE_ORIGIN, the URL pages and the sitemap link to', () => {
    expect(readSiteOrigin({ COURSE_ORIGIN: 'https://course.example/, https://www.course.example' })).toBe(
      'https://course.example',
    )
  })
  it('defaults to the local server on PORT', () => {
    expect(readSiteOrigin({})).toBe('http://127.0.0.1:4321')
    expect(readSiteOrigin({ PORT: '8080' })).toBe('http://127.0.0.1:8080')
  })
  it('names COURSE_ORIGIN when it is not a usable origin', () => {
    expect(() => readSiteOrigin({ COURSE_ORIGIN: 'https://course.example/lessons' })).toThrow(
      /COURSE_ORIGIN must be an http\(s\) origin/,
    )
    expect(() => readSiteOrigin({ COURSE_ORIGIN: ' , ' })).toThrow(ConfigError)
  })
})
