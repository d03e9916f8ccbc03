/**
 * The rules a lesson quiz must follow (the QUIZ contract), checked at build time on the quiz as
 * the author wrote it. Pure: the MDX plugin (quiz-tags-plugin.ts) reads the tags into a
 * `QuizSpec` and reports these problems with the lesson file, line and question.
 */
import { METHODS } from '../../sandbox/ui/request-model.ts'

export interface Where {
  line: number
  column: number
}

export interface OptionSpec extends Where {
  props: Record<string, unknown>
  /** The option's text as a reader sees it (inline code included), for messages and duplicates. */
  text: string
  /** Problems found while reading the tag (bad attribute syntax, block content). */
  problems: string[]
}

export interface QuestionSpec extends Where {
  props: Record<string, unknown>
  options: OptionSpec[]
  problems: string[]
}

export interface QuizSpec extends Where {
  props: Record<string, unknown>
  questions: QuestionSpec[]
  problems: string[]
}

export interface QuizProblem extends Where {
  /** 1-based number of the question the problem is in, if any. */
  question?: number
  prompt?: string
  message: string
}

/** The request a `predict` question lets the learner send to the lesson's sandbox. */
export interface PredictRequest {
  sandbox: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: string
}

export const MIN_QUESTIONS = 3
export const MAX_QUESTIONS = 6
const QUESTION_PROPS = ['prompt', 'multiple', 'predict', 'sandbox', 'method', 'path', 'headers', 'body']
const PREDICT_PROPS = ['sandbox', 'method', 'path', 'headers', 'body']
const OPTION_PROPS = ['correct', 'explain']
const QUESTION_USAGE =
  '<Question prompt="…"> (optional: multiple, or predict sandbox="…" method="…" path="…")'
const OPTION_USAGE = '<Option correct explain="…">text</Option>'

/** "A", "B", … for option 0, 1, …: how options are named to readers and in the answer key. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index)
}

function unknownProps(
  props: Record<string, unknown>,
  allowed: string[],
  tag: string,
  usage: string,
): string[] {
  return Object.keys(props)
    .filter((key) => !allowed.includes(key))
    .map((key) => `unknown prop "${key}": <${tag}> accepts ${allowed.join(', ')}, e.g. ${usage}`)
}

function flag(props: Record<string, unknown>, name: string, tag: string): string[] {
  const value = props[name]
  if (value === undefined || value === true) return []
  return [
    `prop "${name}" is written ${name}="${String(value)}": write ${name} on its own (<${tag} ${name} …>) or leave it out`,
  ]
}

function text(props: Record<string, unknown>, name: string): string | undefined {
  const value = props[name]
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** Scaffolded quizzes (npm run new:lesson) say TODO where the author has to write. */
const TODO = /\bTODO\b/

const sameText = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase()
const quoted = (s: string) => `"${s.length > 50 ? `${s.slice(0, 47)}…` : s}"`

/** The request of a predict question, or the problems with its props. */
export function readPredictRequest(
  props: Record<string, unknown>,
  lessonSandboxes: readonly string[],
): { request?: PredictRequest; problems: string[] } {
  const problems: string[] = []
  const sandbox = text(props, 'sandbox')
  const method = text(props, 'method')
  const path = text(props, 'path')
  const listed = lessonSandboxes.length ? lessonSandboxes.map((n) => `"${n}"`).join(', ') : 'none'
  if (!sandbox)
    problems.push(
      `predict questions need sandbox="…": the sandbox embedded in this lesson that answers the request (this lesson embeds ${listed})`,
    )
  else if (!lessonSandboxes.includes(sandbox))
    problems.push(
      `sandbox="${sandbox}" is not embedded in this lesson: a predict question sends its request to a <Sandbox> on the same page (this lesson embeds ${listed})`,
    )
  if (!method) problems.push(`predict questions need method="…", one of ${METHODS.join(', ')}`)
  else if (!(METHODS as readonly string[]).includes(method))
    problems.push(`method="${method}" is not one of ${METHODS.join(', ')} (upper case)`)
  if (!path) problems.push('predict questions need path="…", e.g. path="/hello?name=Ada"')
  else if (!path.startsWith('/')) problems.push(`path="${path}" must start with "/", e.g. path="/hello"`)
  let headers: Record<string, string> | undefined
  if (props.headers !== undefined) {
    try {
      const parsed: unknown = JSON.parse(String(props.headers))
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        Array.isArray(parsed) ||
        Object.values(parsed).some((v) => typeof v !== 'string')
      )
        throw new Error('not an object of strings')
      headers = parsed as Record<string, string>
    } catch {
      problems.push(
        `headers must be a JSON object of strings, e.g. headers='{"Content-Type":"application/json"}', received ${quoted(String(props.headers))}`,
      )
    }
  }
  const body = props.body
  if (body !== undefined && typeof body !== 'string')
    problems.push('body must be a string, e.g. body=\'{"name":"Ada"}\'')
  if (typeof body === 'string' && (method === 'GET' || method === 'HEAD'))
    problems.push(`a ${method} request has no body: remove body="…" or use POST`)
  if (problems.length || !sandbox || !method || !path) return { problems }
  return {
    problems,
    request: {
      sandbox,
      method,
      path,
      ...(headers ? { headers } : {}),
      ...(typeof body === 'string' ? { body } : {}),
    },
  }
}

function checkOption(option: OptionSpec, n: number): string[] {
  const label = `option ${optionLetter(n)}${option.text ? ` (${quoted(option.text)})` : ''}`
  const problems = [
    ...option.problems.map((p) => `${label}: ${p}`),
    ...unknownProps(option.props, OPTION_PROPS, 'Option', OPTION_USAGE).map((p) => `${label}: ${p}`),
    ...flag(option.props, 'correct', 'Option').map((p) => `${label}: ${p}`),
  ]
  if (TODO.test(option.text)) problems.push(`${label} is a TODO placeholder: write a real answer`)
  if (TODO.test(String(option.props.explain ?? '')))
    problems.push(`${label}: explain="…" is a TODO placeholder: say why this option is right or wrong`)
  if (!option.text.trim())
    problems.push(`option ${optionLetter(n)} is empty: write the answer between <Option …> and </Option>`)
  if (!text(option.props, 'explain'))
    problems.push(
      `${label} has no explain="…": every option says why it is right or wrong, shown after the learner answers`,
    )
  return problems
}

/** Problems with a question; those about one option carry that option's line. */
function checkQuestion(
  question: QuestionSpec,
  lessonSandboxes: readonly string[],
): { at?: Where; message: string }[] {
  const { props, options } = question
  const problems: (string | { at: Where; message: string })[] = [
    ...question.problems,
    ...unknownProps(props, QUESTION_PROPS, 'Question', QUESTION_USAGE),
    ...flag(props, 'multiple', 'Question'),
    ...flag(props, 'predict', 'Question'),
  ]
  if (TODO.test(String(props.prompt ?? '')))
    problems.push(
      'prompt="…" is a TODO placeholder: write a question that tests understanding, not recall of a sentence',
    )
  if (!text(props, 'prompt')) problems.push(`missing prompt="…": the question itself, e.g. ${QUESTION_USAGE}`)
  if (props.predict === true) problems.push(...readPredictRequest(props, lessonSandboxes).problems)
  else {
    const stray = PREDICT_PROPS.filter((key) => props[key] !== undefined)
    if (stray.length)
      problems.push(
        `${stray.join(', ')} only apply to predict questions: add predict, or remove ${stray.length > 1 ? 'them' : 'it'}`,
      )
  }
  if (options.length < 2)
    problems.push(
      `has ${options.length} option${options.length === 1 ? '' : 's'}: give at least 2 <Option> elements`,
    )
  options.forEach((option, i) =>
    problems.push(...checkOption(option, i).map((message) => ({ at: option, message }))),
  )
  const correct = options.filter((o) => o.props.correct === true).length
  if (options.length && correct === 0)
    problems.push('no option is marked correct: add correct to the right <Option>')
  if (correct > 1 && props.multiple !== true)
    problems.push(
      `${correct} options are marked correct but the question is single-choice: add multiple to the <Question>, or keep one correct option`,
    )
  const seen = new Map<string, number>()
  options.forEach((option, i) => {
    const key = sameText(option.text)
    if (!key) return
    const first = seen.get(key)
    if (first !== undefined)
      problems.push(
        `options ${optionLetter(first)} and ${optionLetter(i)} have the same text ${quoted(options[first]!.text.trim())}: each option must differ`,
      )
    else seen.set(key, i)
  })
  return problems.map((p) => (typeof p === 'string' ? { message: p } : p))
}

/** Every problem with a quiz, each with the line it is on and the question it is in. */
export function checkQuiz(quiz: QuizSpec, lessonSandboxes: readonly string[]): QuizProblem[] {
  const problems: QuizProblem[] = quiz.problems.map((message) => ({
    line: quiz.line,
    column: quiz.column,
    message,
  }))
  for (const message of unknownProps(quiz.props, [], 'Quiz', '<Quiz>…</Quiz>'))
    problems.push({
      line: quiz.line,
      column: quiz.column,
      message: message.replace('accepts ', 'accepts no props; '),
    })
  const count = quiz.questions.length
  if (count < MIN_QUESTIONS || count > MAX_QUESTIONS)
    problems.push({
      line: quiz.line,
      column: quiz.column,
      message: `has ${count} question${count === 1 ? '' : 's'}: a lesson quiz asks ${MIN_QUESTIONS} to ${MAX_QUESTIONS} <Question> elements that test understanding`,
    })
  quiz.questions.forEach((question, i) => {
    const prompt = text(question.props, 'prompt')
    for (const { at, message } of checkQuestion(question, lessonSandboxes))
      problems.push({
        line: (at ?? question).line,
        column: (at ?? question).column,
        question: i + 1,
        ...(prompt ? { prompt } : {}),
        message,
      })
  })
  return problems
}

/** "file:12:3: <Quiz> question 2 ("What status…"): no option is marked correct…" */
export function formatQuizProblem(file: string, problem: QuizProblem): string {
  const where = problem.question
    ? `<Quiz> question ${problem.question}${problem.prompt ? ` (${quoted(problem.prompt)})` : ''}`
    : '<Quiz>'
  return `${file}:${problem.line}:${problem.column}: ${where}: ${problem.message}`
}
