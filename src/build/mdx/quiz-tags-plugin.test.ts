import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { mdxToJs } from 'satteri'
import { describe, expect, test } from 'vitest'
import { quizTagsPlugin } from './quiz-tags-plugin.ts'

const root = '/course'
const FILE = 'content/lessons/01-topic/01-lesson.mdx'

/** The plugin is synchronous, so the compile is too. */
function compile(body: string, sandboxes: string[] = ['hello-json-post']): { code: string } {
  return mdxToJs(body, {
    mdastPlugins: [quizTagsPlugin({ root })],
    fileURL: pathToFileURL(join(root, FILE)),
    data: {
      astro: {
        frontmatter: { sandboxes },
        headings: [],
        localImagePaths: new Set(),
        remoteImagePaths: new Set(),
      },
    },
  }) as { code: string }
}

const single = (prompt: string, options = OK_OPTIONS) =>
  `  <Question prompt="${prompt}">\n${options}\n  </Question>`
const OK_OPTIONS = [
  '    <Option correct explain="Right because `x`.">`400` Bad Request</Option>',
  '    <Option explain="Wrong because y.">`500`</Option>',
].join('\n')

/** A lesson ending in a quiz whose question 2 is `second` (lines: quiz at 3, question 2 at 8). */
function lesson(second: string, heading = 'Check your understanding') {
  return [`## ${heading}`, '', '<Quiz>', single('First?'), second, single('Third?'), '</Quiz>', ''].join('\n')
}

describe('quizTagsPlugin', () => {
  test('a valid quiz compiles, and the components get numbers, kinds, answer keys and requests', () => {
    const { code } = compile(
      lesson(
        [
          `  <Question predict sandbox="hello-json-post" method="POST" path="/hello" headers='{"Content-Type":"application/json"}' body='{"name":""}' prompt="What status?">`,
          '    <Option correct explain="The name is empty.">400</Option>',
          '    <Option explain="Only with a name.">200</Option>',
          '  </Question>',
        ].join('\n'),
      ),
    )
    expect(code).toContain('questions: "3"')
    expect(code).toContain('number: "2"')
    expect(code).toContain('kind: "single"')
    expect(code).toContain(
      String.raw`answers: "[{\"correct\":true,\"explain\":\"Right because ` +
        '`x`' +
        String.raw`.\"},{\"correct\":false,\"explain\":\"Wrong because y.\"}]"`,
    )
    expect(code).toContain(
      String.raw`request: "{\"sandbox\":\"hello-json-post\",\"method\":\"POST\",\"path\":\"/hello\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{\\\"name\\\":\\\"\\\"}\"}"`,
    )
    expect(code).toMatch(/index: "1",\s+kind: "single",\s+explain: "Only with a name\."/)
  })

  test('multiple-choice questions may have several correct options', () => {
    const { code } = compile(
      lesson(
        [
          '  <Question multiple prompt="Which run on the server?">',
          '    <Option correct explain="a">Checking a password</Option>',
          '    <Option explain="b">Highlighting a button</Option>',
          '    <Option correct explain="c">Charging a card</Option>',
          '  </Question>',
        ].join('\n'),
      ),
    )
    expect(code).toContain('kind: "multiple"')
  })

  const fails = (second: string, message: RegExp) => expect(() => compile(lesson(second))).toThrow(message)

  test('no correct option fails naming file, line and question', () => {
    fails(
      single('Which status?', '    <Option explain="a">200</Option>\n    <Option explain="b">404</Option>'),
      /^content\/lessons\/01-topic\/01-lesson\.mdx:8:3: <Quiz> question 2 \("Which status\?"\): no option is marked correct: add correct to the right <Option>$/,
    )
  })

  test('several correct options in a single-choice question fail', () => {
    fails(
      single(
        'Which?',
        '    <Option correct explain="a">200</Option>\n    <Option correct explain="b">404</Option>',
      ),
      /01-lesson\.mdx:8:3: <Quiz> question 2 \("Which\?"\): 2 options are marked correct but the question is single-choice: add multiple/,
    )
  })

  test('duplicate option text fails', () => {
    fails(
      single(
        'Which?',
        '    <Option correct explain="a">`200` OK</Option>\n    <Option explain="b">`200`  ok</Option>',
      ),
      /question 2 \("Which\?"\): options A and B have the same text "200 OK": each option must differ/,
    )
  })

  test('a missing explanation fails', () => {
    fails(
      single('Which?', '    <Option correct explain="a">200</Option>\n    <Option>404</Option>'),
      /:10:5: <Quiz> question 2 \("Which\?"\): option B \("404"\) has no explain="…"/,
    )
  })

  test('fewer than two options fail', () => {
    fails(
      single('Which?', '    <Option correct explain="a">200</Option>'),
      /question 2 \("Which\?"\): has 1 option: give at least 2/,
    )
  })

  test('bad predict props fail, each named', () => {
    const predict = (props: string) =>
      single(`What status?" predict ${props} x="`, OK_OPTIONS).replace(' x=""', '')
    fails(
      predict('sandbox="other" method="POST" path="/hello"'),
      /sandbox="other" is not embedded in this lesson.*\(this lesson embeds "hello-json-post"\)/,
    )
    fails(
      predict('sandbox="hello-json-post" method="post" path="/hello"'),
      /method="post" is not one of GET, POST/,
    )
    fails(
      predict('sandbox="hello-json-post" method="POST" path="hello"'),
      /path="hello" must start with "\/"/,
    )
    fails(
      predict(`sandbox="hello-json-post" method="POST" path="/" headers='{"a":1}'`),
      /headers must be a JSON object of strings/,
    )
    fails(predict(`sandbox="hello-json-post" method="GET" path="/" body='x'`), /a GET request has no body/)
    fails(predict('method="GET" path="/"'), /predict questions need sandbox="…"/)
    fails(single('What?" method="GET', OK_OPTIONS), /method only apply to predict questions: add predict/)
  })

  test('structure and placement rules', () => {
    fails(single('Which?" multiple="yes', OK_OPTIONS), /prop "multiple" is written multiple="yes"/)
    fails(single('Which?" promt="x', OK_OPTIONS), /unknown prop "promt": <Question> accepts prompt, multiple/)
    fails(
      single('Which?', `${OK_OPTIONS}\n\n    Some text`),
      /only <Option> elements belong inside <Question>, found text/,
    )
    fails(single('TODO: write the question', OK_OPTIONS), /prompt="…" is a TODO placeholder/)
    expect(() => compile(lesson(single('Second?'), 'Check yourself'))).toThrow(
      /01-lesson\.mdx:3:1: <Quiz>: the quiz goes at the end of the lesson under "## Check your understanding" \(it is under "## Check yourself"\)/,
    )
    expect(() => compile(`## Check your understanding\n\n<Quiz>\n${single('Only?')}\n</Quiz>\n`)).toThrow(
      /<Quiz>: has 1 question: a lesson quiz asks 3 to 6/,
    )
    expect(() => compile(`${lesson(single('Second?'))}\n${lesson(single('Again?'))}`)).toThrow(
      /a lesson has one <Quiz>/,
    )
    expect(() => compile(`Text\n\n${single('Loose?')}\n`)).toThrow(
      /01-lesson\.mdx:3:3: <Question> belongs inside <Quiz>/,
    )
  })

  test('several problems are listed together', () => {
    expect(() =>
      compile(lesson(single('Which?', '    <Option explain="a">200</Option>\n    <Option>404</Option>'))),
    ).toThrow(/^2 problems in the quiz:\n.*:10:5: .*has no explain.*\n.*:8:3: .*no option is marked correct/)
  })
})
