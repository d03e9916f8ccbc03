/**
 * The Load panel: sends the Request tab's request N times, C at a time, to the app running in
 * this browser, and shows requests/s, p50/p95/p99, status counts and a latency histogram (an SVG
 * chart, with every number also as text), this run beside the previous one. Requests go through
 * the runtime like any other, so a throwing app shows up as 500s and a stuck one as runtime
 * timeouts, and the page stays responsive (the app runs in its own worker; the DOM is updated at
 * most once per frame).
 */
import {
  clampOptions,
  formatMs,
  histogram,
  niceCeil,
  summarize,
  type LoadSample,
  type LoadSummary,
} from './load-model.ts'

export interface LoadPanelOptions {
  /** A fresh copy of the request to send (the Request tab's), and what to call it. */
  request(): { request: Request; label: string }
  /** Makes sure the app runs the current code; false when it cannot start. */
  ready(): Promise<boolean>
  fetch(request: Request): Promise<Response>
  isRuntimeError(response: Response): boolean
  announce(text: string): void
  /** Told when a run starts and ends (the console samples the app's logs meanwhile). */
  onRun?(running: boolean): void
}

const SVG = 'http://www.w3.org/2000/svg'

export class LoadPanel {
  readonly #panel: HTMLElement
  readonly #options: LoadPanelOptions
  readonly #progress: HTMLElement
  readonly #runs: HTMLElement
  #stop: (() => void) | undefined
  /** From Start until the run's result is shown (including the wait for the app to start). */
  #busy = false
  #previous: LoadSummary | undefined
  #last: LoadSummary | undefined

  constructor(panel: HTMLElement, options: LoadPanelOptions) {
    this.#panel = panel
    this.#options = options
    this.#progress = panel.querySelector('[data-load-progress]')!
    this.#runs = panel.querySelector('[data-load-runs]')!
    panel.querySelector('[data-load-form]')!.addEventListener('submit', (event) => {
      event.preventDefault()
      void this.start()
    })
    panel.querySelector('[data-action="load-stop"]')!.addEventListener('click', () => this.#stop?.())
  }

  get running(): boolean {
    return this.#stop !== undefined
  }

  /** Shows which request a run sends. */
  describeTarget(): void {
    const { label } = this.#options.request()
    this.#panel.querySelector('[data-load-target]')!.textContent =
      `Sends ${label} (the Request tab's request).`
  }

  async start(): Promise<LoadSummary | undefined> {
    if (this.#busy) return undefined
    this.#busy = true
    try {
      return await this.#run()
    } finally {
      this.#busy = false
    }
  }

  async #run(): Promise<LoadSummary | undefined> {
    const input = (name: string) => this.#panel.querySelector<HTMLInputElement>(`[data-load-${name}]`)!
    const { requests, concurrency } = clampOptions(
      input('requests').valueAsNumber,
      input('concurrency').valueAsNumber,
    )
    input('requests').value = String(requests)
    input('concurrency').value = String(concurrency)
    this.describeTarget()
    const startButton = this.#panel.querySelector<HTMLButtonElement>('[data-action="load-start"]')!
    const stopButton = this.#panel.querySelector<HTMLButtonElement>('[data-action="load-stop"]')!
    // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
    const enable = (button: HTMLButtonElement, on: boolean) =>
      on ? button.removeAttribute('aria-disabled') : button.setAttribute('aria-disabled', 'true')
    enable(startButton, false)
    this.#progress.textContent = 'Starting the app…'
    if (!(await this.#options.ready())) {
      enable(startButton, true)
      this.#progress.textContent = 'The app did not start, so nothing was sent: the Console tab says why.'
      return undefined
    }
    let stopped = false
    this.#stop = () => (stopped = true)
    enable(stopButton, true)
    this.#options.onRun?.(true)
    const samples: LoadSample[] = []
    const started = performance.now()
    let sent = 0
    let frame = 0
    const tick = () => {
      frame = 0
      this.#progress.textContent = `${samples.length} of ${requests} done · ${Math.round(
        (samples.length * 1000) / Math.max(1, performance.now() - started),
      )} requests/s`
    }
    const worker = async () => {
      while (!stopped && sent < requests) {
        sent++
        const t0 = performance.now()
        try {
          const response = await this.#options.fetch(this.#options.request().request)
          await response.arrayBuffer() // the whole answer, as a client waits for it
          samples.push({
            ms: performance.now() - t0,
            status: response.status,
            runtime: this.#options.isRuntimeError(response),
          })
        } catch {
          samples.push({ ms: performance.now() - t0, status: 0, runtime: false })
        }
        frame ||= requestAnimationFrame(tick)
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    if (frame) cancelAnimationFrame(frame)
    const elapsed = performance.now() - started
    this.#stop = undefined
    enable(stopButton, false)
    enable(startButton, true)
    // Whoever pressed Stop goes on from Start, the button that does something now.
    if (document.activeElement === stopButton) startButton.focus()
    this.#options.onRun?.(false)
    const summary = summarize(`${requests} × ${concurrency} at once`, samples, requests, elapsed, stopped)
    this.#previous = this.#last
    this.#last = summary
    this.#render()
    const text = `Load run ${stopped ? 'stopped' : 'done'}: ${summary.completed} requests, ${summary.perSecond.toFixed(0)} per second, p50 ${formatMs(summary.p50)}, p99 ${formatMs(summary.p99)}.`
    this.#progress.textContent = text
    this.#options.announce(text)
    return summary
  }

  #render() {
    const runs = [this.#previous, this.#last].filter((r): r is LoadSummary => r !== undefined)
    // One x-axis for both runs, up to the larger p99, so "before vs after" reads at a glance.
    const top = niceCeil(Math.max(...runs.map((r) => r.p99), 1))
    this.#runs.replaceChildren(
      ...runs.map((run, i) => renderRun(run, top, i === runs.length - 1 ? 'This run' : 'Previous run')),
    )
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function renderRun(run: LoadSummary, top: number, title: string): HTMLElement {
  const section = el('section', 'sbx-load-run')
  section.dataset.run = title === 'This run' ? 'current' : 'previous'
  const heading = el('h3', 'sbx-load-title', title)
  const note = el(
    'p',
    'sbx-muted sbx-load-note',
    `${run.label}${run.stopped ? ` · stopped after ${run.completed} of ${run.planned}` : ''} · ${formatMs(run.elapsedMs)}`,
  )
  const stats = el('dl', 'sbx-load-stats')
  for (const [name, value] of [
    ['Requests/s', run.perSecond.toFixed(run.perSecond < 10 ? 1 : 0)],
    ['p50', formatMs(run.p50)],
    ['p95', formatMs(run.p95)],
    ['p99', formatMs(run.p99)],
    ['max', formatMs(run.max)],
  ] as const) {
    const item = el('div', '')
    item.append(el('dt', '', name), el('dd', '', value))
    stats.append(item)
  }
  const statuses = el('p', 'sbx-load-statuses')
  statuses.append(el('span', 'sbx-muted', 'Statuses: '))
  for (const [status, count] of run.statuses) {
    const chip = el('span', 'sbx-load-status', `${status} × ${count}`)
    chip.dataset.class = status === 'failed' || status.includes('runtime') ? 'error' : `${status[0]}xx`
    statuses.append(chip)
  }
  const buckets = histogram(run.latencies, top)
  section.append(heading, note, stats, statuses, chart(buckets, top, title), bucketTable(buckets, title))
  return section
}

/** The histogram as an SVG bar chart: bars in the accent colour, axes and labels in the text colours. */
function chart(buckets: ReturnType<typeof histogram>, top: number, title: string): SVGSVGElement {
  const width = 320
  const height = 140
  const left = 34
  const bottom = 22
  const plotW = width - left - 6
  const plotH = height - bottom - 8
  const most = Math.max(1, ...buckets.map((b) => b.count))
  const svg = document.createElementNS(SVG, 'svg')
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`)
  svg.setAttribute('class', 'sbx-load-chart')
  svg.setAttribute('role', 'img')
  const peak = buckets.reduce((a, b) => (b.count > a.count ? b : a))
  svg.setAttribute(
    'aria-label',
    `${title}: latency histogram from 0 to ${formatMs(top)}; most requests (${peak.count}) took ${formatMs(peak.from)} to ${formatMs(peak.to)}. The table below lists every bar.`,
  )
  const node = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const n = document.createElementNS(SVG, name)
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v))
    if (text !== undefined) n.textContent = text
    svg.append(n)
    return n
  }
  const barW = plotW / buckets.length
  buckets.forEach((b, i) => {
    if (!b.count) return
    const h = Math.max(1, (b.count / most) * plotH)
    node('rect', {
      class: 'sbx-load-bar',
      x: left + i * barW + 1,
      y: 8 + plotH - h,
      width: Math.max(1, barW - 2),
      height: h,
    })
  })
  node('line', { class: 'sbx-load-axis', x1: left, y1: 8 + plotH, x2: left + plotW, y2: 8 + plotH })
  node('line', { class: 'sbx-load-axis', x1: left, y1: 8, x2: left, y2: 8 + plotH })
  for (const [x, label] of [
    [left, '0'],
    [left + plotW / 2, formatMs(top / 2)],
    [left + plotW, `${formatMs(top)}+`],
  ] as const)
    node(
      'text',
      {
        class: 'sbx-load-label',
        x,
        y: height - 6,
        'text-anchor': x === left ? 'start' : x === left + plotW ? 'end' : 'middle',
      },
      label,
    )
  node('text', { class: 'sbx-load-label', x: left - 4, y: 14, 'text-anchor': 'end' }, String(most))
  node('text', { class: 'sbx-load-label', x: left - 4, y: 8 + plotH, 'text-anchor': 'end' }, '0')
  return svg
}

/** The chart's numbers as text (folded): latency range → count. */
function bucketTable(buckets: ReturnType<typeof histogram>, title: string): HTMLElement {
  const details = el('details', 'sbx-fold sbx-load-table')
  details.append(el('summary', '', 'Histogram as a table'))
  const table = el('table', 'sbx-data-table')
  const caption = el('caption', 'visually-hidden', `${title}: requests per latency range`)
  const head = table.createTHead().insertRow()
  for (const h of ['Latency', 'Requests']) {
    const th = el('th', '', h)
    th.scope = 'col'
    head.append(th)
  }
  const body = table.createTBody()
  buckets.forEach((b, i) => {
    const row = body.insertRow()
    row.insertCell().textContent = `${formatMs(b.from)} – ${i === buckets.length - 1 ? 'more' : formatMs(b.to)}`
    row.insertCell().textContent = String(b.count)
  })
  table.prepend(caption)
  details.append(table)
  return details
}
