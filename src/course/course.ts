/**
 * The course as pages see it: topics in order, each with its lessons in order, plus the flat
 * reading order used for prev/next. Build-time only (reads the content collections).
 */
import { getCollection, type CollectionEntry } from 'astro:content'
import { lessonHref, topicHref } from './lesson-paths.ts'

export interface LessonInfo {
  id: string
  topicId: string
  title: string
  description: string
  minutes: number
  objectives: string[]
  href: string
  /** 1-based position in the whole course. */
  number: number
  entry: CollectionEntry<'lessons'>
}

export interface TopicInfo {
  id: string
  title: string
  summary: string
  order: number
  kind: 'topic' | 'capstone'
  href: string
  lessons: LessonInfo[]
}

/** What stands before a topic's title: its two-digit number, or a star for the capstone. */
export function topicMark(topic: Pick<TopicInfo, 'order' | 'kind'>): string {
  return topic.kind === 'capstone' ? '★' : String(topic.order).padStart(2, '0')
}

export interface Course {
  topics: TopicInfo[]
  lessons: LessonInfo[]
}

let cached: Promise<Course> | undefined

export function getCourse(): Promise<Course> {
  cached ??= loadCourse()
  return cached
}

async function loadCourse(): Promise<Course> {
  const topicEntries = await getCollection('topics')
  const lessonEntries = await getCollection('lessons')
  const topics = new Map<string, TopicInfo>()
  for (const t of topicEntries) {
    topics.set(t.id, { id: t.id, ...t.data, href: topicHref(t.id), lessons: [] })
  }
  for (const entry of lessonEntries) {
    const topicId = entry.id.split('/')[0]!
    // The content check (content-check.ts, run as the build starts) has already refused a
    // lesson whose folder has no topic.json, and a topic without lessons.
    const topic = topics.get(topicId)!
    topic.lessons.push({
      id: entry.id,
      topicId,
      title: entry.data.title,
      description: entry.data.description,
      minutes: entry.data.minutes,
      objectives: entry.data.objectives,
      href: lessonHref(entry.id),
      number: 0,
      entry,
    })
  }
  const ordered = [...topics.values()].sort((a, b) => a.order - b.order)
  const lessons: LessonInfo[] = []
  for (const topic of ordered) {
    topic.lessons.sort((a, b) => a.entry.data.order - b.entry.data.order)
    for (const lesson of topic.lessons) {
      lesson.number = lessons.length + 1
      lessons.push(lesson)
    }
  }
  return { topics: ordered, lessons }
}

export const COURSE_TITLE = 'Backend Course'
export const COURSE_TAGLINE = 'Learn backend development by running real Hono servers in your browser.'
