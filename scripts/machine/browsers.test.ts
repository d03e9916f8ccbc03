import { describe, expect, it } from 'vitest'
import { selectedEngines } from './browsers.ts'

describe('selectedEngines', () => {
  it('runs Firefox and WebKit beside Chromium by default', () => {
    expect(selectedEngines({})).toEqual(['firefox', 'webkit'])
  })

  it('takes a comma list in its own order of engines, spaces and empties ignored', () => {
    expect(selectedEngines({ ENGINES: ' webkit, ,firefox ' })).toEqual(['firefox', 'webkit'])
    expect(selectedEngines({ ENGINES: 'webkit' })).toEqual(['webkit'])
  })

  it('runs Chromium alone with none', () => {
    expect(selectedEngines({ ENGINES: 'none' })).toEqual([])
  })

  it('names an unknown engine and the known ones', () => {
    expect(() => selectedEngines({ ENGINES: 'firefox,safari' })).toThrow(
      'ENGINES: unknown engine safari (known: firefox, webkit, or none)',
    )
  })
})
