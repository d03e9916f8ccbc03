/**
 * The home page's "continue where you stopped": shown only when this browser has progress, and
 * goes to the lesson last worked on (or the next one after a finished lesson). The lesson order
 * and titles come from the home page's own lesson links (`a[data-lesson-path]` in TopicCard).
 */
import { resumeLesson, storedProgress } from '../../sandbox/ui/progress.ts'

const box = document.querySelector<HTMLElement>('[data-resume]')
if (box) {
  const progress = storedProgress()
  const links = [...document.querySelectorAll<HTMLAnchorElement>('a[data-lesson-path]')]
  const resume = resumeLesson(
    progress,
    links.map((a) => a.dataset.lessonPath!),
  )
  if (resume) {
    const title = links.find((a) => a.dataset.lessonPath === resume.path)?.textContent?.trim() ?? ''
    const link = box.querySelector<HTMLAnchorElement>('[data-resume-link]')!
    link.href = `${resume.path}/`
    link.textContent = `${resume.reason === 'continue' ? 'Continue where you stopped' : 'Next up'}: ${title} →`
    box.hidden = false
    // The learner has begun: "Start the course" steps back to a quieter link.
    document.querySelector('[data-start] .button:not(.secondary)')?.classList.add('secondary')
    document.querySelector<HTMLElement>('[data-resume-progress]')?.removeAttribute('hidden')
  }
}
