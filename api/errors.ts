/** OpenAI-shaped error bodies, used by every API route so SDK clients raise typed errors. */

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null }
}

export function openAiError(
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  param: string | null = null,
): OpenAiErrorBody {
  return { error: { message, type, param, code } }
}
