/**
 * Build-time (Node): an mdast plugin for the lessons' MDX that checks every `<Quiz>` against
 * the rules in quiz-rules.ts, where the lesson file and line are known, and fails the build
 * listing each problem, e.g.
 *
 *   content/lessons/01-what-is-backend/01-what-backend-development-is.mdx:80:3: <Quiz> question 2
 *   ("Which of these must run…"): no option is marked correct: add correct to the right <Option>
 *
 * It then hands the components what they cannot work out alone (an Astro component never sees
 * its siblings): each question's number, kind and answer key, each option's index, and the
 * request of a predict question, as extra props on a rebuilt copy of the quiz's tags.
 */
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MdastPluginDefinition, MdastVisitorContext } from 'satteri'
import { readAttributes, type JsxNode } from './jsx-attributes.ts'
import {
  checkQuiz,
  formatQuizProblem,
  readPredictRequest,
  type OptionSpec,
  type QuestionSpec,
  type QuizSpec,
} from '../../components/quiz/quiz-rules.ts'

export class QuizTagError extends Error {
  override name = 'QuizTagError'
}

/** The heading a lesson's quiz sits under (the QUIZ contract). */
export const QUIZ_HEADING = 'Check your understanding'

interface MdNode {
  type: string
  name?: string | null
  children?: MdNode[]
  position?: { start: { line: number; column: number } }
  [key: string]: unknown
}

const isJsx = (node: MdNode) => node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement'
const where = (node: MdNode) => ({
  line: node.position?.start.line ?? 0,
  column: node.position?.start.column ?? 0,
})

function describeNode(node: MdNode): string {
  if (isJsx(node)) return `<${node.name ?? ''}>`
  return node.type === 'paragraph' ? 'text' : `a ${node.type}`
}

/** An option's children as inline content: one line of Markdown parses to a lone paragraph. */
function inlineChildren(option: MdNode): { children: MdNode[]; problem?: string } {
  const children = option.children ?? []
  if (children.length === 1 && children[0]!.type === 'paragraph')
    return { children: children[0]!.children ?? [] }
  if (
    children.some(
      (c) =>
        c.type !== 'paragraph' &&
        !isJsx(c) &&
        c.type !== 'text' &&
        c.type !== 'inlineCode' &&
        c.type !== 'emphasis' &&
        c.type !== 'strong' &&
        c.type !== 'link' &&
        c.type !== 'break',
    ) ||
    children.filter((c) => c.type === 'paragraph').length > 1
  )
    return {
      children,
      problem:
        'an option is one line of inline Markdown (text, `code`, *emphasis*, links), not blocks or several paragraphs',
    }
  return { children }
}

function attribute(name: string, value: string | null) {
  return { type: 'mdxJsxAttribute', name, value }
}

/** Reads the tags into a QuizSpec, noting structure problems (stray content) on the way. */
function readQuiz(node: MdNode, ctx: MdastVisitorContext): QuizSpec {
  const { props, problems } = readAttributes(node as unknown as JsxNode)
  const questions: QuestionSpec[] = []
  for (const child of node.children ?? []) {
    if (!(isJsx(child) && child.name === 'Question')) {
      problems.push(
        `line ${where(child).line}: only <Question> elements belong directly inside <Quiz>, found ${describeNode(child)}`,
      )
      continue
    }
    const read = readAttributes(child as unknown as JsxNode)
    const options: OptionSpec[] = []
    for (const grandchild of child.children ?? []) {
      if (!(isJsx(grandchild) && grandchild.name === 'Option')) {
        read.problems.push(
          `line ${where(grandchild).line}: only <Option> elements belong inside <Question>, found ${describeNode(grandchild)}: put the question's text in prompt="…"`,
        )
        continue
      }
      const option = readAttributes(grandchild as unknown as JsxNode)
      const inline = inlineChildren(grandchild)
      if (inline.problem) option.problems.push(inline.problem)
      options.push({
        ...where(grandchild),
        props: option.props,
        problems: option.problems,
        text: ctx.textContent(grandchild as never),
      })
    }
    questions.push({ ...where(child), props: read.props, problems: read.problems, options })
  }
  return { ...where(node), props, problems, questions }
}

/** The quiz's tags again, with the props the components need added (see the module comment). */
function rebuild(node: MdNode, quiz: QuizSpec, lessonSandboxes: readonly string[]): MdNode {
  const questionNodes = (node.children ?? []).filter((c) => isJsx(c) && c.name === 'Question')
  return {
    type: 'mdxJsxFlowElement',
    name: 'Quiz',
    attributes: [attribute('questions', String(quiz.questions.length))],
    children: questionNodes.map((questionNode, q) => {
      const spec = quiz.questions[q]!
      const multiple = spec.props.multiple === true
      const request =
        spec.props.predict === true ? readPredictRequest(spec.props, lessonSandboxes).request : undefined
      const optionNodes = (questionNode.children ?? []).filter((c) => isJsx(c) && c.name === 'Option')
      const answers = spec.options.map((o) => ({
        correct: o.props.correct === true,
        explain: String(o.props.explain),
      }))
      return {
        type: 'mdxJsxFlowElement',
        name: 'Question',
        attributes: [
          attribute('prompt', String(spec.props.prompt)),
          attribute('number', String(q + 1)),
          attribute('kind', multiple ? 'multiple' : 'single'),
          attribute('answers', JSON.stringify(answers)),
          ...(request ? [attribute('request', JSON.stringify(request))] : []),
        ],
        children: optionNodes.map((optionNode, i) => ({
          type: 'mdxJsxFlowElement',
          name: 'Option',
          attributes: [
            attribute('question', String(q + 1)),
            attribute('index', String(i)),
            attribute('kind', multiple ? 'multiple' : 'single'),
            ...(answers[i]!.correct ? [attribute('correct', null)] : []),
            attribute('explain', answers[i]!.explain),
          ],
          children: inlineChildren(optionNode).children,
        })),
      }
    }),
  }
}

/** The text of the last `##` heading before the quiz in the lesson, if the quiz is top-level. */
function headingBefore(node: MdNode, ctx: MdastVisitorContext): string | undefined {
  const parent = ctx.parent(node as never) as unknown as MdNode | undefined
  const index = ctx.indexOf(node as never)
  if (!parent || parent.type !== 'root' || index === undefined) return undefined
  const siblings = parent.children ?? []
  for (let i = index - 1; i >= 0; i--) {
    const sibling = siblings[i]!
    if (sibling.type === 'heading' && sibling.depth === 2) return ctx.textContent(sibling as never).trim()
  }
  return undefined
}

export function quizTagsPlugin(options: { root?: string } = {}): MdastPluginDefinition {
  const root = options.root ?? process.cwd()
  const seen = new WeakMap<object, number>()
  const fileOf = (fileURL: URL | undefined) =>
    fileURL ? relative(root, fileURLToPath(fileURL)) : '(unknown MDX file)'

  const visit = (node: MdNode, ctx: MdastVisitorContext) => {
    if (node.name === 'Question' || node.name === 'Option') {
      // Inside a quiz these were rebuilt already; outside one they would render as nothing useful.
      const parent = ctx.parent(node as never) as unknown as MdNode | undefined
      if (parent && isJsx(parent) && (parent.name === 'Quiz' || parent.name === 'Question')) return
      const { line, column } = where(node)
      throw new QuizTagError(
        `${fileOf(ctx.fileURL)}:${line}:${column}: <${node.name}> belongs inside ${node.name === 'Option' ? '<Question>' : '<Quiz>'}`,
      )
    }
    if (node.name !== 'Quiz') return
    const file = fileOf(ctx.fileURL)
    const astro = (ctx.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro
    const listed = astro?.frontmatter?.sandboxes
    const lessonSandboxes = Array.isArray(listed) ? listed.map(String) : []
    const quiz = readQuiz(node, ctx)
    const count = (seen.get(ctx.data) ?? 0) + 1
    seen.set(ctx.data, count)
    if (count > 1) quiz.problems.push('a lesson has one <Quiz>: put every question in the first one')
    const heading = headingBefore(node, ctx)
    if (heading !== QUIZ_HEADING)
      quiz.problems.push(
        `the quiz goes at the end of the lesson under "## ${QUIZ_HEADING}"${heading ? ` (it is under "## ${heading}")` : ''}`,
      )
    const problems = checkQuiz(quiz, lessonSandboxes)
    if (problems.length) {
      const lines = problems.map((p) => formatQuizProblem(file, p))
      throw new QuizTagError(
        lines.length === 1 ? lines[0]! : `${lines.length} problems in the quiz:\n${lines.join('\n')}`,
      )
    }
    ctx.replaceNode(node as never, rebuild(node, quiz, lessonSandboxes) as never)
  }

  return {
    name: 'course-quiz-tags',
    options: { position: true },
    mdxJsxFlowElement: (node, ctx) => visit(node as unknown as MdNode, ctx),
    mdxJsxTextElement: (node, ctx) => visit(node as unknown as MdNode, ctx),
  }
}
