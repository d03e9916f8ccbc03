// One JSON object per line: log collectors (Loki, CloudWatch, Datadog…) index the fields, so
// you can search for every line of one request by its requestId.
type Level = 'info' | 'warn' | 'error'

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }))
}
