/**
 * The search dialog's behaviour, loaded on its first open (Search.astro): Pagefind's own
 * pagefind.js from /pagefind/ (it then fetches the index chunks a query needs), the results
 * list, and keys: ↓/↑ move between results and back to the field, Enter follows a result (from
 * the field: the first), Escape closes (the native dialog), and typing on a result goes back
 * to the field.
 */
import {
  excerptNodes,
  resultsSummary,
  toHit,
  type PagefindResultData,
  type SearchHit,
} from './search-hits.ts'

interface PagefindSearch {
  results: { id: string; data: () => Promise<PagefindResultData> }[]
}

interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>
  init: () => Promise<void>
  debouncedSearch: (query: string, options?: object, ms?: number) => Promise<PagefindSearch | null>
}

/** Lessons shown per query; the live region says how many matched in all. */
const MAX_LESSONS = 8
// Built by scripts/build-search-index.ts; a URL, not a module of the bundle, so it is fetched only now.
const PAGEFIND_URL = '/pagefind/pagefind.js'

let pagefind: Promise<Pagefind> | undefined

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const module = (await import(/* @vite-ignore */ PAGEFIND_URL)) as Pagefind
    await module.options({ excerptLength: 22 })
    await module.init()
    return module
  })()
  pagefind.catch(() => (pagefind = undefined))
  return pagefind
}

const wired = new WeakSet<HTMLDialogElement>()

export function openSearch(dialog: HTMLDialogElement): void {
  const input = dialog.querySelector<HTMLInputElement>('[data-search-input]')!
  const reopened = wired.has(dialog)
  input.focus()
  // Reopened: the last query is selected, so typing replaces it. Not the first time: this module
  // loads after the dialog shows, and what the learner typed meanwhile is their query, not an old one.
  if (reopened) input.select()
  // Opening is the moment to fetch pagefind.js and the index's entry, so the first query is quick.
  loadPagefind().catch(() => {})
  if (reopened) return
  wired.add(dialog)

  const status = dialog.querySelector<HTMLElement>('[data-search-status]')!
  const results = dialog.querySelector<HTMLElement>('[data-search-results]')!
  const links = () => [...results.querySelectorAll<HTMLAnchorElement>('a.search-hit')]
  let latest = 0

  async function run(query: string) {
    const ticket = ++latest
    if (!query.trim()) {
      results.replaceChildren()
      status.textContent = ''
      return
    }
    try {
      const engine = await loadPagefind()
      const search = await engine.debouncedSearch(query, {}, 120)
      if (!search || ticket !== latest) return // a later query superseded this one
      const data = await Promise.all(search.results.slice(0, MAX_LESSONS).map((r) => r.data()))
      if (ticket !== latest) return
      render(data.map(toHit))
      status.textContent = resultsSummary(query.trim(), search.results.length, data.length)
    } catch (error) {
      if (ticket !== latest) return
      results.replaceChildren()
      status.textContent = `Search could not load its index (${(error as Error).message}). Check your connection and try again.`
    }
  }

  function render(hits: SearchHit[]) {
    const list = document.createElement('ol')
    list.className = 'search-hit-list'
    list.setAttribute('aria-label', 'Results')
    hits.forEach((hit, i) => {
      const item = document.createElement('li')
      item.className = 'search-lesson'
      const where = document.createElement('p')
      where.className = 'search-lesson-where'
      where.id = `search-where-${i}`
      const topic = document.createElement('span')
      topic.className = 'search-topic'
      topic.textContent = hit.topic
      const lesson = document.createElement('span')
      lesson.className = 'search-lesson-title'
      lesson.textContent = hit.lesson
      where.append(topic, document.createTextNode(' › '), lesson)
      const passages = document.createElement('ul')
      passages.className = 'search-passages'
      for (const passage of hit.passages) {
        const li = document.createElement('li')
        const a = document.createElement('a')
        a.className = 'search-hit'
        a.href = passage.url
        a.setAttribute('aria-describedby', where.id)
        const heading = document.createElement('span')
        heading.className = 'search-hit-heading'
        heading.textContent = passage.heading
        const excerpt = document.createElement('span')
        excerpt.className = 'search-hit-excerpt'
        excerpt.append(...excerptNodes(passage.excerpt))
        a.append(heading, excerpt)
        li.append(a)
        passages.append(li)
      }
      item.append(where, passages)
      list.append(item)
    })
    results.replaceChildren(...(hits.length ? [list] : []))
  }

  input.addEventListener('input', () => void run(input.value))
  dialog.querySelector('[data-search-form]')!.addEventListener('submit', (e) => {
    e.preventDefault()
    links()[0]?.click()
  })

  // Following a result: close the dialog without sending focus back to the opener (the
  // browser moves to the heading); a result on this very page only scrolls, so close it too.
  results.addEventListener('click', (e) => {
    if (!(e.target as Element).closest('a.search-hit')) return
    dialog.dataset.followed = ''
    dialog.close()
  })

  dialog.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const all = links()
    const at = all.indexOf(document.activeElement as HTMLAnchorElement)
    const fromInput = document.activeElement === input
    let next: HTMLElement | undefined
    if (e.key === 'ArrowDown')
      next = fromInput ? all[0] : at >= 0 ? all[Math.min(at + 1, all.length - 1)] : undefined
    else if (e.key === 'ArrowUp' && at >= 0) next = at === 0 ? input : all[at - 1]
    else if (e.key === 'Home' && at >= 0) next = all[0]
    else if (e.key === 'End' && at >= 0) next = all.at(-1)
    else if (at >= 0 && (e.key.length === 1 || e.key === 'Backspace')) {
      input.focus() // the key itself then goes to the field
      return
    }
    if (!next) return
    e.preventDefault()
    next.focus()
    if (next !== input) next.scrollIntoView({ block: 'nearest' })
  })

  if (input.value.trim()) void run(input.value)
}
