/**
 * The progress page's live part: fills each lesson's status, exercises and quiz score from this
 * browser's storage (progress.ts, persistence.ts), and runs export, import and forget
 * (progress-backup.ts). Follows changes from other tabs.
 */
import { allSavedEdits } from '../../sandbox/persistence.ts'
import {
  backupFileName,
  describeImport,
  exportBackup,
  forgetEverything,
  importBackup,
  parseBackup,
  summarize,
} from '../../sandbox/ui/progress-backup.ts'
import { lessonStatus, readProgress, resumeLesson, type LessonProgress } from '../../sandbox/ui/progress.ts'
import { formatMinutes } from './format-minutes.ts'

const STATUS_LABELS = { done: 'Done', started: 'Started', 'not-started': 'Not started' } as const
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function quizLabel(quiz: LessonProgress['quiz']): string {
  if (!quiz) return 'Quiz not answered'
  if (typeof quiz.correct === 'number' && typeof quiz.total === 'number')
    return `Quiz ${quiz.correct} of ${quiz.total} right${quiz.passedAt ? ' (passed)' : ''}`
  return quiz.passedAt ? 'Quiz passed' : 'Quiz answered'
}

function render() {
  let progress: Record<string, LessonProgress> = {}
  let saved: Record<string, unknown> = {}
  try {
    progress = readProgress(localStorage)
    saved = allSavedEdits(localStorage)
  } catch {
    // Storage disabled: everything shows as not started.
  }
  const rows = [...document.querySelectorAll<HTMLElement>('li[data-lesson-path]')]
  let done = 0
  let minutesLeft = 0
  let exercises = 0
  let exercisesPassed = 0
  for (const row of rows) {
    const entry = progress[row.dataset.lessonPath!]
    const sandboxes = (row.dataset.sandboxes ?? '').split(' ').filter(Boolean)
    const status = lessonStatus(
      entry,
      sandboxes.some((name) => name in saved),
    )
    row.dataset.status = status
    row.querySelector('[data-status-label]')!.textContent = STATUS_LABELS[status]
    if (status === 'done') done++
    else minutesLeft += Number(row.dataset.minutes)
    const names = (row.dataset.exercises ?? '').split(' ').filter(Boolean)
    const passed = names.filter((name) => entry?.exercises?.[name]).length
    exercises += names.length
    exercisesPassed += passed
    const exercisesLabel = row.querySelector('[data-exercises-label]')
    if (exercisesLabel) exercisesLabel.textContent = `${passed} of ${plural(names.length, 'exercise')} passed`
    const quizLabelEl = row.querySelector('[data-quiz-label]')
    if (quizLabelEl) quizLabelEl.textContent = quizLabel(entry?.quiz)
  }
  document.querySelector('[data-summary]')!.textContent =
    `${done} of ${plural(rows.length, 'lesson')} done · ${exercisesPassed} of ${plural(exercises, 'exercise')} passed · ` +
    (minutesLeft ? `about ${formatMinutes(minutesLeft)} left` : 'nothing left: well done')
  document.querySelector<HTMLElement>('[data-meter]')!.style.width =
    `${rows.length ? (100 * done) / rows.length : 0}%`

  const resume = resumeLesson(
    progress,
    rows.map((r) => r.dataset.lessonPath!),
  )
  const resumeBox = document.querySelector<HTMLElement>('[data-resume]')!
  resumeBox.hidden = !resume
  if (resume) {
    const row = rows.find((r) => r.dataset.lessonPath === resume.path)!
    const link = resumeBox.querySelector<HTMLAnchorElement>('[data-resume-link]')!
    link.href = `${resume.path}/`
    link.textContent = `${resume.reason === 'continue' ? 'Continue where you stopped' : 'Next up'}: ${row.querySelector('.lesson-title')!.textContent}`
  }
}

// ── export, import, forget ──

const status = document.querySelector<HTMLElement>('[data-backup-status]')!
function say(text: string, kind: 'success' | 'error' | 'info' = 'info') {
  status.dataset.kind = kind
  status.textContent = text
}

const dialog = document.querySelector<HTMLDialogElement>('[data-confirm]')!
/** Asks in a modal dialog; resolves true only for the confirm button. */
function confirmAction(title: string, lines: string[], yes: string): Promise<boolean> {
  dialog.querySelector('[data-confirm-title]')!.textContent = title
  const text = dialog.querySelector('[data-confirm-text]')!
  text.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement('p')
      p.textContent = line
      return p
    }),
  )
  const yesButton = dialog.querySelector<HTMLButtonElement>('[data-confirm-yes]')!
  yesButton.textContent = yes
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      yesButton.removeEventListener('click', onYes)
      noButton.removeEventListener('click', onNo)
      dialog.removeEventListener('close', onNo)
      if (dialog.open) dialog.close()
      resolve(value)
    }
    const onYes = () => done(true)
    const onNo = () => done(false)
    const noButton = dialog.querySelector<HTMLButtonElement>('[data-confirm-no]')!
    yesButton.addEventListener('click', onYes)
    noButton.addEventListener('click', onNo)
    dialog.addEventListener('close', onNo)
    dialog.showModal()
    noButton.focus()
  })
}

document.querySelector('[data-export]')!.addEventListener('click', () => {
  const backup = exportBackup(localStorage)
  const url = URL.createObjectURL(new Blob([JSON.stringify(backup, null, 2)], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = backupFileName()
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  const s = summarize(backup.progress, backup.code)
  say(
    `Exported ${link.download}: progress in ${plural(s.lessons, 'lesson')} and saved code for ${plural(s.sandboxes.length, 'sandbox', 'sandboxes')}.`,
    'success',
  )
})

const input = document.querySelector<HTMLInputElement>('[data-import]')!
input.addEventListener('change', async () => {
  const file = input.files?.[0]
  input.value = ''
  if (!file) return
  if (file.size > 20_000_000)
    return say(
      `${file.name} cannot be imported: at ${Math.round(file.size / 1e6)} MB it is far larger than any progress file.`,
      'error',
    )
  const result = parseBackup(await file.text())
  if (!result.ok)
    return say(
      `${file.name} cannot be imported, and nothing was changed. ${result.problems.join(' ')}`,
      'error',
    )
  const current = summarize(readProgress(localStorage), allSavedEdits(localStorage))
  const incoming = summarize(result.backup.progress, result.backup.code)
  const lines = describeImport(current, incoming, result.backup.exportedAt)
  if (!(await confirmAction(`Import ${file.name}?`, lines, 'Import and replace')))
    return say('Import cancelled: nothing was changed.')
  try {
    importBackup(localStorage, result.backup)
  } catch (err) {
    return say(err instanceof Error ? err.message : String(err), 'error')
  }
  render()
  say(
    `Imported ${file.name}: progress in ${plural(incoming.lessons, 'lesson')} and saved code for ${plural(incoming.sandboxes.length, 'sandbox', 'sandboxes')}.`,
    'success',
  )
})

document.querySelector('[data-forget]')!.addEventListener('click', async () => {
  const current = summarize(readProgress(localStorage), allSavedEdits(localStorage))
  const lines = [
    `This removes, from this browser, your progress in ${plural(current.lessons, 'lesson')} (${current.done} done) and your saved code in ${plural(current.sandboxes.length, 'sandbox', 'sandboxes')}. It cannot be undone: export first to keep a copy.`,
    'Your light or dark theme choice stays.',
  ]
  if (!(await confirmAction('Forget everything?', lines, 'Forget everything')))
    return say('Nothing was forgotten.')
  forgetEverything(localStorage)
  render()
  say('Everything is forgotten: this browser has no progress or saved code of this course now.', 'success')
})

render()
addEventListener('course:progress', render)
addEventListener('storage', render)
