/**
 * Runs a Dockerfile's instructions without Docker, for machines with no container engine (this
 * project's CI): each stage is a folder standing in for the image's file system, COPY copies
 * from the build context (minus .dockerignore) or from an earlier stage's folder, RUN runs
 * in the stage's WORKDIR with its ENV. Supports what the course's Dockerfile uses — ARG
 * defaults, ARG inside a stage (a build argument RUN sees, not kept in the image), FROM … AS, WORKDIR, COPY [--from], RUN, ENV, USER, EXPOSE, HEALTHCHECK, STOPSIGNAL
 * and CMD in exec form — and refuses anything else, so the test cannot silently skip a step.
 * What it cannot reproduce is the base image itself: RUN and CMD use this machine's Node 24.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'

export interface Instruction {
  keyword: string
  args: string
  line: number
}

export interface Stage {
  name: string
  from: string
  instructions: Instruction[]
}

/** The Dockerfile's stages, with line continuations joined and comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  const args = new Map<string, string>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1
    let line = lines[i]!.trim()
    while (line.endsWith('\\') && i + 1 < lines.length)
      line = `${line.slice(0, -1).trim()} ${lines[++i]!.trim()}`
    if (line === '' || line.startsWith('#')) continue
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? []
    const upper = keyword.toUpperCase()
    // Docker replaces ${NAME} in FROM, COPY, ENV, WORKDIR… but not in RUN, whose shell expands
    // its own variables (a stage's ARGs among them).
    const expanded =
      keyword.toUpperCase() === 'RUN'
        ? rest
        : rest.replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? '')
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = expanded.split('=')
      args.set(name, value)
    } else if (upper === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(expanded)
      if (!match) throw new Error(`Dockerfile line ${start}: cannot read FROM ${rest}`)
      stages.push({ from: match[1]!, name: match[2] ?? String(stages.length), instructions: [] })
    } else {
      const stage = stages.at(-1)
      if (!stage) throw new Error(`Dockerfile line ${start}: ${keyword} before FROM`)
      stage.instructions.push({ keyword: upper, args: expanded, line: start })
    }
  }
  return stages
}

/** Exec-form JSON arguments: CMD ["node", "server/server.ts"]. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args)
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
    throw new Error(`Expected exec form (a JSON array of strings), got ${args}`)
  return parsed
}

/** .dockerignore as top-level names and `*.ext` patterns (all the course's file uses). */
function ignoredBy(context: string): (path: string) => boolean {
  const file = join(context, '.dockerignore')
  const patterns = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : []
  return (path) => {
    const rel = relative(context, path)
    const top = rel.split('/')[0]!
    return patterns.some((p) => (p.startsWith('*.') ? basename(rel).endsWith(p.slice(1)) : top === p))
  }
}

export interface Image {
  /** The final stage's folder, standing for its file system root. */
  root: string
  workdir: string
  env: Record<string, string>
  user: string | undefined
  exposed: number[]
  healthcheck: string[] | undefined
  stopSignal: string | undefined
  cmd: string[]
}

export interface BuildOptions {
  context: string
  /** Where the stages' folders go. */
  into: string
  /** Environment for RUN (PATH with the Node the base image would have). */
  env: Record<string, string | undefined>
  /** `docker build --build-arg NAME=value`: read by a stage's `ARG NAME`. */
  buildArgs?: Record<string, string>
  /** Stands in for a stage instead of running it (e.g. reuse a build made earlier): its instructions are handed over. */
  replaceStage?: (stage: Stage, root: string) => boolean
  log?: (line: string) => void
}

export function buildImage(dockerfile: string, options: BuildOptions): Image {
  const stages = parseDockerfile(readFileSync(dockerfile, 'utf8'))
  const roots = new Map<string, string>()
  const ignored = ignoredBy(options.context)
  let image: Image | undefined
  for (const stage of stages) {
    const root = join(options.into, stage.name)
    mkdirSync(root, { recursive: true })
    roots.set(stage.name, root)
    const state: Image = {
      root,
      workdir: '/',
      env: {},
      user: undefined,
      exposed: [],
      healthcheck: undefined,
      stopSignal: undefined,
      cmd: [],
    }
    image = state
    // A stage's build arguments: seen by its RUN steps, never part of the image's ENV.
    const buildEnv: Record<string, string> = {}
    if (options.replaceStage?.(stage, root)) continue
    const inImage = (path: string) => join(root, path.startsWith('/') ? path : join(state.workdir, path))
    for (const { keyword, args, line } of stage.instructions) {
      options.log?.(`[${stage.name}] ${keyword} ${args}`)
      if (keyword === 'WORKDIR') {
        state.workdir = args.startsWith('/') ? args : join(state.workdir, args)
        mkdirSync(inImage('.'), { recursive: true })
      } else if (keyword === 'COPY') {
        const parts = args.split(/\s+/)
        const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined
        const dest = inImage(parts.pop()!)
        for (const source of parts) {
          const sourceRoot = from ? roots.get(from) : options.context
          if (!sourceRoot) throw new Error(`Dockerfile line ${line}: no stage named ${from}`)
          const path = from ? join(sourceRoot, source) : join(options.context, source)
          if (!existsSync(path))
            throw new Error(`Dockerfile line ${line}: COPY source ${source} does not exist`)
          const target =
            statSync(path).isFile() &&
            (dest.endsWith('/') || statSync(dest, { throwIfNoEntry: false })?.isDirectory())
              ? join(dest, basename(path))
              : dest
          // From an earlier stage: moved, not copied (a stage folder is not read again after it
          // is copied from, and node_modules is large); from the context: copied, minus .dockerignore.
          if (from) {
            mkdirSync(dirname(target), { recursive: true })
            renameSync(path, target)
          } else cpSync(path, target, { recursive: true, filter: (p) => !ignored(p) })
        }
      } else if (keyword === 'RUN') {
        const run = spawnSync('sh', ['-c', args], {
          cwd: inImage('.'),
          env: { ...options.env, ...buildEnv, ...state.env },
          stdio: ['ignore', 'pipe', 'pipe'],
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
        if (run.status !== 0)
          throw new Error(
            `Dockerfile line ${line}: RUN ${args} failed (${run.status}):\n${run.stdout}\n${run.stderr}`,
          )
      } else if (keyword === 'ARG') {
        const [name = '', ...fallback] = args.split('=')
        const value = options.buildArgs?.[name] ?? (fallback.length ? fallback.join('=') : undefined)
        if (value !== undefined) buildEnv[name] = value
      } else if (keyword === 'ENV') {
        for (const pair of args.split(/\s+/)) {
          const [name = '', ...value] = pair.split('=')
          state.env[name] = value.join('=')
        }
      } else if (keyword === 'USER') state.user = args
      else if (keyword === 'EXPOSE') state.exposed = args.split(/\s+/).map(Number)
      else if (keyword === 'HEALTHCHECK') state.healthcheck = execForm(args.replace(/^.*?\bCMD\s+/, ''))
      else if (keyword === 'STOPSIGNAL') state.stopSignal = args
      else if (keyword === 'CMD') state.cmd = execForm(args)
      else throw new Error(`Dockerfile line ${line}: ${keyword} is not supported by this runner`)
    }
  }
  if (!image) throw new Error(`${dockerfile} has no stages`)
  return image
}
