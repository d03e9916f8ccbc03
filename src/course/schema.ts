/**
 * Schemas for the course content: a topic's `topic.json` and a lesson's MDX frontmatter.
 * Used by the Astro content collections (build) and by `npm run check:content` (CI), so an
 * author gets the same message from both.
 */
import { z } from 'zod'

/** Sandbox names are folder names under sandboxes/. */
export const sandboxName = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a sandbox folder name in kebab-case, e.g. "hello-hono"')

export const topicSchema = z.strictObject({
  title: z.string().trim().min(3, 'must be at least 3 characters'),
  summary: z.string().trim().min(40, 'must be a real paragraph (40+ characters)'),
  order: z.number().int().min(1).max(99),
  /** A capstone is a project that uses every topic: listed after the topics, not counted as one. */
  kind: z.enum(['topic', 'capstone']).default('topic'),
})

export const lessonSchema = z.strictObject({
  title: z.string().trim().min(3, 'must be at least 3 characters'),
  description: z.string().trim().min(20, 'must say what the lesson teaches (20+ characters)'),
  order: z.number().int().min(1).max(99),
  minutes: z.number().int().min(1).max(240),
  objectives: z.array(z.string().trim().min(5)).min(1, 'must list at least one learning objective'),
  sandboxes: z.array(sandboxName).optional(),
})

export type TopicData = z.infer<typeof topicSchema>
export type LessonData = z.infer<typeof lessonSchema>

/** "title: Expected string, received number" — one line per problem, field path first. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(frontmatter)'
    return `${field}: ${issue.message}`
  })
}

/** Lesson and topic folders are numbered so their order is visible in the file tree. */
export const TOPIC_DIR = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/
export const LESSON_FILE = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.mdx$/
