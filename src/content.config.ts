/** The course's content collections: topics (topic.json) and lessons (MDX), both under content/lessons. */
import { defineCollection } from 'astro:content'
import { glob } from 'astro/loaders'
import { lessonsDir } from './course/lesson-paths.ts'
import { lessonSchema, topicSchema } from './course/schema.ts'

const base = lessonsDir()

const topics = defineCollection({
  loader: glob({ pattern: '*/topic.json', base, generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: topicSchema,
})

const lessons = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base, generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
  schema: lessonSchema,
})

export const collections = { topics, lessons }
