/**
 * The site's theme as the sandbox's editor and terminals see it: `data-theme` on `<html>`, set
 * before first paint by ThemeScript.astro and switched by ThemeToggle.astro, and the system's
 * forced colours (Windows high contrast), which replace the site's colours.
 */
import type { SiteTheme } from './theme-colors.ts'

export function currentSiteTheme(doc: Document = document): SiteTheme {
  return doc.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'
}

/** Calls `update` once per change of theme or of forced colours; returns the unsubscribe. */
export function watchSiteTheme(update: () => void): () => void {
  const observer = new MutationObserver(update)
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  const forcedColors = matchMedia('(forced-colors: active)')
  forcedColors.addEventListener('change', update)
  return () => {
    observer.disconnect()
    forcedColors.removeEventListener('change', update)
  }
}
