import { expect, test } from 'vitest'
import { indexableHtml } from './build-search-index.ts'

test("a quiz question's form and labels reach the index as plain elements; other forms do not", () => {
  const page = [
    '<form role="search"><label>Search</label></form>',
    '<form class="quiz-question" id="quiz-q1"><fieldset><legend>Which must run on the server?</legend>',
    '<ol><li><input id="a"><label for="a">Checking a password</label></li></ol></fieldset></form>',
    '<p>After</p>',
  ].join('')
  expect(indexableHtml(page)).toBe(
    [
      '<form role="search"><label>Search</label></form>',
      '<div class="quiz-question" id="quiz-q1"><fieldset><legend>Which must run on the server?</legend>',
      '<ol><li><input id="a"><span for="a">Checking a password</span></li></ol></fieldset></div>',
      '<p>After</p>',
    ].join(''),
  )
})

test('each question is renamed on its own: the text between two quiz forms is untouched', () => {
  const page =
    '<form class="quiz-question" id="q1"></form><label>between</label><form class="quiz-question" id="q2"></form>'
  expect(indexableHtml(page)).toBe(
    '<div class="quiz-question" id="q1"></div><label>between</label><div class="quiz-question" id="q2"></div>',
  )
})
