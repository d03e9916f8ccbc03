/**
 * `<self-assessment>`: restores the learner's saved ratings into the form, saves each new one
 * with their progress (src/sandbox/ui/progress.ts), and shows the learning path: the skills rated
 * below "I can do it with my notes", weakest first. Follows changes made in other tabs.
 */
import { learningPath, validRatings } from '../../course/skills.ts'
import { lessonPath, storedProgress, recordSkillRatings } from '../../sandbox/ui/progress.ts'

class SelfAssessment extends HTMLElement {
  #ratings: Record<string, number> = {}
  /** The server-rendered prompt, shown again while nothing is rated. */
  #prompt = ''

  #load = () => {
    // With storage blocked there is nothing saved: the form still works for this visit.
    this.#ratings = validRatings(storedProgress()[lessonPath(location.pathname)]?.skills)
    for (const input of this.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      const id = input.name.replace(/^skill-/, '')
      input.checked = this.#ratings[id] === Number(input.value)
    }
    this.#render()
  }

  #change = (event: Event) => {
    const input = event.target as HTMLInputElement
    if (input.type !== 'radio' || !input.name.startsWith('skill-')) return
    this.#ratings = { ...this.#ratings, [input.name.slice('skill-'.length)]: Number(input.value) }
    try {
      recordSkillRatings(location.pathname, this.#ratings)
    } catch {
      // Storage full or disabled: the path below still reflects this visit's answers.
    }
    this.#render()
  }

  #render() {
    const path = learningPath(this.#ratings)
    const list = this.querySelector<HTMLOListElement>('[data-path]')!
    const status = this.querySelector<HTMLElement>('[data-status]')!
    const items = new Map(
      [...list.querySelectorAll<HTMLLIElement>('li[data-skill]')].map((li) => [li.dataset.skill!, li]),
    )
    for (const li of items.values()) li.hidden = true
    for (const skill of path) list.append(Object.assign(items.get(skill.id)!, { hidden: false }))
    list.hidden = path.length === 0
    const rated = Object.keys(this.#ratings).length
    status.textContent =
      rated === 0
        ? this.#prompt
        : path.length === 0
          ? `You rated ${rated} skill${rated === 1 ? '' : 's'}, none below "I can do it with my notes". Pick a portfolio project (lesson 3) that stretches the weakest.`
          : `Start with these ${path.length}, in this order (${rated} of the skills rated so far):`
  }

  connectedCallback() {
    this.#prompt = this.querySelector('[data-status]')?.textContent?.trim() ?? ''
    this.addEventListener('change', this.#change)
    window.addEventListener('storage', this.#load)
    this.#load()
  }

  disconnectedCallback() {
    this.removeEventListener('change', this.#change)
    window.removeEventListener('storage', this.#load)
  }
}

if (!customElements.get('self-assessment')) customElements.define('self-assessment', SelfAssessment)
