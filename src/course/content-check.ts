/**
 * Build-time (Node): the course's content rules, run once as `astro build` or `astro dev`
 * starts, so the build refuses exactly what `npm run check:content` refuses (both use
 * validateContent) and names every problem with its file and field at once, before Astro's
 * collections see the files.
 */
import type { AstroIntegration } from 'astro'
import { lessonsDir } from './lesson-paths.ts'
import { formatProblems, validateContent } from './validate-content.ts'

export class CourseContentError extends Error {
  override name = 'CourseContentError'
}

export function courseContentCheck(root = lessonsDir()): AstroIntegration {
  return {
    name: 'course-content-check',
    hooks: {
      'astro:config:setup': () => {
        const { problems } = validateContent(root)
        if (problems.length) throw new CourseContentError(formatProblems(problems))
      },
    },
  }
}
