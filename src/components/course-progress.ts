/**
 * `<course-progress>`: ticks the lesson links inside it (`a[data-lesson-path]`) whose lesson the
 * learner completed, from the progress store (src/sandbox/ui/progress.ts). Used by the sidebar
 * and the topic pages; it follows changes on this page and in other tabs.
 */
import { isLessonComplete, storedProgress } from '../sandbox/ui/progress.ts'

class CourseProgress extends HTMLElement {
  #render = () => {
    const progress = storedProgress()
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-lesson-path]')) {
      const completed = isLessonComplete(progress[link.dataset.lessonPath!])
      link.toggleAttribute('data-completed', completed)
      const label = link.querySelector<HTMLElement>('.done-label')
      if (label) label.hidden = !completed
    }
  }
  connectedCallback() {
    this.#render()
    window.addEventListener('course:progress', this.#render)
    window.addEventListener('storage', this.#render)
  }
  disconnectedCallback() {
    window.removeEventListener('course:progress', this.#render)
    window.removeEventListener('storage', this.#render)
  }
}
if (!customElements.get('course-progress')) customElements.define('course-progress', CourseProgress)
