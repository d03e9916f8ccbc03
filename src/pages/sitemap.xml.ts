/** `/sitemap.xml`: home, topics and lessons on the site origin (COURSE_ORIGIN at build time). */
import type { APIRoute } from 'astro'
import { getCourse } from '../course/course.ts'
import { coursePaths, sitemapXml } from '../reach/sitemap.ts'

export const GET: APIRoute = async ({ site }) => {
  const { topics } = await getCourse()
  return new Response(sitemapXml(site!, coursePaths(topics)), {
    headers: { 'Content-Type': 'application/xml' },
  })
}
