/**
 * ARIA tabs with automatic activation: click or arrow keys select a tab, Home/End jump to the
 * ends, and only the selected tab is in the Tab order (WAI-ARIA Authoring Practices, "Tabs").
 */
export function wireTabs(tablist: HTMLElement, onSelect: (tab: HTMLElement) => void): void {
  const tabs = () => [...tablist.querySelectorAll<HTMLElement>('[role="tab"]')].filter((t) => !t.hidden)
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]')
    if (tab && tablist.contains(tab)) onSelect(tab)
  })
  tablist.addEventListener('keydown', (event) => {
    const list = tabs()
    const index = list.indexOf(event.target as HTMLElement)
    if (index < 0) return
    const next =
      event.key === 'ArrowRight'
        ? list[(index + 1) % list.length]
        : event.key === 'ArrowLeft'
          ? list[(index - 1 + list.length) % list.length]
          : event.key === 'Home'
            ? list[0]
            : event.key === 'End'
              ? list[list.length - 1]
              : undefined
    if (!next) return
    event.preventDefault()
    next.focus()
    onSelect(next)
  })
}

/** Selects one tab of a tablist and shows its panel (found by aria-controls). */
export function selectTab(tablist: HTMLElement, selected: HTMLElement): void {
  for (const tab of tablist.querySelectorAll<HTMLElement>('[role="tab"]')) {
    const on = tab === selected
    tab.setAttribute('aria-selected', String(on))
    tab.tabIndex = on ? 0 : -1
    const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '')
    if (panel) panel.hidden = !on
  }
}
