/**
 * A tiny job queue in memory: work is recorded now and done a moment later, outside the
 * request, with retries. It shows the shape of real queues (SQS, RabbitMQ, BullMQ on Redis):
 * jobs can run more than once (a retry after a timeout, a redelivery), so handlers must be
 * idempotent. What it cannot show: a real queue keeps jobs when the process dies; this one
 * loses them, which is the reason real ones exist.
 */
export interface Job {
  id: string
  type: string
  payload: { taskId: string }
  attempts: number
  status: 'queued' | 'done' | 'failed'
  lastError?: string
}

type Handler = (job: Job) => Promise<void>

export class JobQueue {
  readonly jobs: Job[] = []
  private readonly handlers = new Map<string, Handler>()
  private readonly maxAttempts: number
  private readonly retryDelayMs: number

  constructor(maxAttempts = 3, retryDelayMs = 200) {
    this.maxAttempts = maxAttempts
    this.retryDelayMs = retryDelayMs
  }

  handle(type: string, handler: Handler) {
    this.handlers.set(type, handler)
  }

  enqueue(type: string, payload: Job['payload']): Job {
    const job: Job = { id: `j${this.jobs.length + 1}`, type, payload, attempts: 0, status: 'queued' }
    this.jobs.push(job)
    setTimeout(() => void this.run(job), 0) // a macrotask: after the response has gone
    return job
  }

  private async run(job: Job) {
    job.attempts++
    try {
      await this.handlers.get(job.type)?.(job)
      job.status = 'done'
    } catch (err) {
      job.lastError = (err as Error).message
      if (job.attempts < this.maxAttempts)
        setTimeout(() => void this.run(job), this.retryDelayMs * job.attempts)
      else job.status = 'failed'
    }
  }
}
