/** `npm run check:content`: validates every topic and lesson, listing each problem with its file and field. */
import { validateContent } from '../src/course/validate-content.ts'

const { problems, lessons } = validateContent('content/lessons')
if (problems.length) {
  console.error(`Content check failed: ${problems.length} problem(s)\n`)
  for (const p of problems) console.error(`  ${p.file}\n    ${p.problem}`)
  process.exit(1)
}
console.log(`Content check passed: ${lessons.length} lessons.`)
