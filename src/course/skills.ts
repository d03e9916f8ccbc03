/**
 * The skills the course teaches, as statements a learner can rate themselves against, each
 * with the topic that teaches it. Used by <SelfAssessment> (lesson 10.2), which saves the ratings
 * with the learner's progress and turns the low ones into a learning path. Pure data and code.
 */
export interface Skill {
  id: string
  /** The topic folder that teaches it (content/lessons/<topic>/). */
  topic: string
  /** What you can do when you have the skill, in the learner's words. */
  canDo: string
}

export const SKILLS: readonly Skill[] = [
  {
    id: 'http',
    topic: '03-web-and-application-servers',
    canDo: 'Choose methods, status codes and headers for an endpoint (201 + Location, 304, 405 + Allow)',
  },
  {
    id: 'layers',
    topic: '02-architecture-and-patterns',
    canDo: 'Split an API into routes, services and repositories, and build it with a factory for tests',
  },
  {
    id: 'sql',
    topic: '04-databases',
    canDo: 'Write parameterised SQL with joins and transactions, and read an EXPLAIN',
  },
  {
    id: 'auth',
    topic: '05-security-and-auth',
    canDo: 'Hash passwords, run cookie sessions, and answer 401, 403 and 404 correctly',
  },
  {
    id: 'caching',
    topic: '06-scalability',
    canDo: 'Measure p50 and p99, and add a cache or HTTP caching without serving wrong data',
  },
  {
    id: 'async',
    topic: '06-scalability',
    canDo: 'Move slow work to a queue with 202 Accepted and idempotency keys',
  },
  {
    id: 'operations',
    topic: '07-deployment-and-monitoring',
    canDo: 'Validate configuration at start-up, add health checks, logs and metrics, and drain on shutdown',
  },
  {
    id: 'delivery',
    topic: '07-deployment-and-monitoring',
    canDo: 'Write a Dockerfile and a CI pipeline, and release without downtime',
  },
  {
    id: 'validation-testing',
    topic: '08-frameworks',
    canDo: 'Validate input with a schema and test an API with app.request',
  },
  {
    id: 'contracts',
    topic: '09-trends-and-practices',
    canDo: 'Answer Problem Details, version and paginate an API, and generate its OpenAPI document',
  },
  {
    id: 'ai',
    topic: '09-trends-and-practices',
    canDo: 'Stream a model’s answer and run a tool call safely through a proxy',
  },
  {
    id: 'design',
    topic: '10-careers',
    canDo: 'Talk through a system design with numbers, trade-offs and failure modes',
  },
]

/** The answers to "how well can you do this?", weakest first; a rating is its position (1–4). */
export const LEVELS = [
  'New to me',
  'I can follow it',
  'I can do it with my notes',
  'I can do it and explain it',
] as const

/** A rating below this is something to practise. */
const CONFIDENT = 3

/** Only known skills with a rating from 1 to LEVELS.length: stored data can be old or edited. */
export function validRatings(value: unknown, skills: readonly Skill[] = SKILLS): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {}
  const known = new Set(skills.map((s) => s.id))
  return Object.fromEntries(
    Object.entries(value).filter(
      ([id, rating]) => known.has(id) && Number.isInteger(rating) && rating >= 1 && rating <= LEVELS.length,
    ),
  ) as Record<string, number>
}

/** The skills to practise next, weakest first, in course order among equals. */
export function learningPath(ratings: Record<string, number>, skills: readonly Skill[] = SKILLS): Skill[] {
  return skills
    .map((skill, order) => ({ skill, order, rating: ratings[skill.id] }))
    .filter(
      (s): s is { skill: Skill; order: number; rating: number } =>
        s.rating !== undefined && s.rating < CONFIDENT,
    )
    .sort((a, b) => a.rating - b.rating || a.order - b.order)
    .map((s) => s.skill)
}
