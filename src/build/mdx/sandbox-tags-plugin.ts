/**
 * Build-time (Node): an mdast plugin for Astro's MDX pipeline (Sätteri) that checks every
 * `<Sandbox>` tag in a lesson, where the lesson file and line are known — an Astro component
 * is never told which file rendered it. The build fails with, e.g.:
 *
 *   content/lessons/01-what-is-backend/04-your-first-endpoint.mdx:52:1: <Sandbox name="helo-hono" />:
 *   no sandbox named "helo-hono": expected one of "hello-hono", … (did you mean "hello-hono"?)
 *
 * It also keeps the lesson's frontmatter `sandboxes:` list true to the tags in its body, since
 * pages and servers read that list without parsing MDX.
 */
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MdastPluginDefinition } from 'satteri'
import { readAttributes, type JsxNode } from './jsx-attributes.ts'
import { checkSandboxProps, sandboxNames } from './sandbox-props.ts'

interface UsedSandbox {
  name: string
  where: string
}

export class SandboxTagError extends Error {
  override name = 'SandboxTagError'
}

function tagText(props: Record<string, unknown>): string {
  return typeof props.name === 'string' ? `<Sandbox name="${props.name}" />` : '<Sandbox />'
}

export function sandboxTagsPlugin(options: { root?: string } = {}): MdastPluginDefinition {
  const root = options.root ?? process.cwd()
  const used = new WeakMap<object, UsedSandbox[]>()

  const fileOf = (fileURL: URL | undefined) =>
    fileURL ? relative(root, fileURLToPath(fileURL)) : '(unknown MDX file)'

  const check = (node: JsxNode, ctx: { fileURL: URL | undefined; data: object }) => {
    if (node.name !== 'Sandbox') return
    const start = node.position?.start
    const where = `${fileOf(ctx.fileURL)}${start ? `:${start.line}:${start.column}` : ''}`
    const { props, problems } = readAttributes(node)
    problems.push(...checkSandboxProps(props, sandboxNames(root)))
    if (problems.length) throw new SandboxTagError(`${where}: ${tagText(props)}: ${problems.join('; ')}`)
    const list = used.get(ctx.data) ?? []
    list.push({ name: props.name as string, where })
    used.set(ctx.data, list)
  }

  return {
    name: 'course-sandbox-tags',
    options: { position: true },
    mdxJsxFlowElement: (node, ctx) => check(node as JsxNode, ctx),
    mdxJsxTextElement: (node, ctx) => check(node as JsxNode, ctx),
    after(_root, ctx) {
      if (ctx.sourceFormat !== 'mdx') return
      const tags = used.get(ctx.data) ?? []
      const astro = (ctx.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro
      const listed = astro?.frontmatter?.sandboxes
      const declared = Array.isArray(listed) ? listed.map(String) : []
      const file = fileOf(ctx.fileURL)
      for (const tag of tags) {
        if (!declared.includes(tag.name)) {
          throw new SandboxTagError(
            `${tag.where}: <Sandbox name="${tag.name}" /> is not listed in the frontmatter: add it to "sandboxes:" (found ${declared.length ? declared.map((n) => `"${n}"`).join(', ') : 'no sandboxes: list'})`,
          )
        }
      }
      for (const name of declared) {
        if (!tags.some((tag) => tag.name === name)) {
          throw new SandboxTagError(
            `${file}: frontmatter "sandboxes:" lists "${name}" but the lesson has no <Sandbox name="${name}" />: add the tag where the text uses it, or remove the name`,
          )
        }
      }
    },
  }
}
