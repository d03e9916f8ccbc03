/**
 * `npm run check:content`: validates every topic and lesson, every sandbox (through the same
 * loader the build uses), and every `<Sandbox name="…" />` tag in the lessons, listing each
 * problem with its file and field.
 */
import { readFileSync } from 'node:fs'
import { findSandboxTags, loadSandboxes, SandboxLoadError } from '../src/course/sandbox-loader.ts'
import { validateContent, type ContentProblem } from '../src/course/validate-content.ts'

const { problems, lessons } = validateContent('content/lessons')

let sandboxNames: Set<string> | undefined
try {
  sandboxNames = new Set((await loadSandboxes('sandboxes')).map((s) => s.name))
} catch (err) {
  if (!(err instanceof SandboxLoadError)) throw err
  problems.push(...err.problems.map((p): ContentProblem => ({ file: p.file, problem: p.problem })))
}

if (sandboxNames) {
  const known = [...sandboxNames].sort()
  for (const lesson of lessons) {
    // Tags are found in the body; count the frontmatter's lines so the line is the file's.
    const source = readFileSync(lesson.file, 'utf8')
    const offset = source.slice(0, source.lastIndexOf(lesson.body)).split('\n').length - 1
    for (const tag of findSandboxTags(lesson.body)) {
      if (sandboxNames.has(tag.name)) continue
      problems.push({
        file: `${lesson.file}:${tag.line + offset}`,
        problem: `<Sandbox name="${tag.name}" />: no sandbox named "${tag.name}" in sandboxes/ (known: ${known.join(', ')})`,
      })
    }
  }
}

if (problems.length) {
  console.error(`Content check failed: ${problems.length} problem(s)\n`)
  for (const p of problems) console.error(`  ${p.file}\n    ${p.problem}`)
  process.exit(1)
}
console.log(`Content check passed: ${lessons.length} lessons, ${sandboxNames?.size ?? 0} sandboxes.`)
