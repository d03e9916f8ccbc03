import { describe, expect, it } from 'vitest'
import { learningPath, SKILLS, validRatings } from './skills.ts'
import { topicSchema } from './schema.ts'
import { existsSync, readFileSync } from 'node:fs'

describe('skills', () => {
  it('each names a topic that exists', () => {
    for (const skill of SKILLS) {
      const file = `content/lessons/${skill.topic}/topic.json`
      expect(existsSync(file), `${skill.id}: ${file}`).toBe(true)
      topicSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
    }
    expect(new Set(SKILLS.map((s) => s.id)).size).toBe(SKILLS.length)
  })

  it('keeps only known skills rated 1–4', () => {
    expect(validRatings({ sql: 2, http: 4, nope: 1, auth: 0, ai: 2.5, caching: '3' })).toEqual({
      sql: 2,
      http: 4,
    })
    expect(validRatings(null)).toEqual({})
  })

  it('suggests the weakest skills first, in course order among equals, and nothing rated 3 or 4', () => {
    const path = learningPath({ caching: 2, sql: 1, http: 2, auth: 3, ai: 4, layers: 1 })
    expect(path.map((s) => s.id)).toEqual(['layers', 'sql', 'http', 'caching'])
    expect(learningPath({})).toEqual([])
  })
})
