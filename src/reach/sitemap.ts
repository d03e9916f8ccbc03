/**
 * sitemap.xml (sitemaps.org): the course's public pages as absolute URLs on the site origin
 * (astro.config.mjs `site`, from COURSE_ORIGIN). The list comes from the course itself, home,
 * topics and lessons, so test pages and 404 are never in it.
 */

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)
}

/** `paths` are site paths such as `/lessons/a/b/`; each appears once, in the order given. */
export function sitemapXml(site: string | URL, paths: string[]): string {
  const urls = [...new Set(paths)].map((path) => {
    if (!path.startsWith('/'))
      throw new Error(`sitemap: "${path}" is not a site path (it must start with "/")`)
    return `  <url><loc>${escapeXml(new URL(path, site).href)}</loc></url>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n')
}

/** The pages of the course in reading order: home, then each topic followed by its lessons. */
export function coursePaths(topics: { href: string; lessons: { href: string }[] }[]): string[] {
  return ['/', ...topics.flatMap((t) => [t.href, ...t.lessons.map((l) => l.href)])]
}
