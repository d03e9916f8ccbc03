/**
 * The app's AI settings, read in one place. The model is configuration, not code: which models
 * exist (and cost what) changes more often than the app. Under Node, set AI_MODEL to one the
 * course's proxy allows (GET /api/openai/v1/models lists them).
 */
type Env = Record<string, string | undefined>

const env = (globalThis as { process?: { env?: Env } }).process?.env ?? {}

export const MODEL = env.AI_MODEL ?? 'gpt-4.1-mini'
/** Caps the length, and so the cost, of every answer. */
export const MAX_OUTPUT_TOKENS = 150
export const INSTRUCTIONS = 'You explain backend concepts in at most two sentences.'
