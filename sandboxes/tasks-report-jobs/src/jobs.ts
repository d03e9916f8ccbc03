/**
 * A job queue and its worker, in one process to keep the sandbox small. In production the queue
 * is a separate system (a Postgres table polled with SELECT … FOR UPDATE SKIP LOCKED, Redis with
 * BullMQ, SQS, RabbitMQ) and workers are separate processes that scale on their own.
 */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

export interface Job {
  id: string
  projectId: string
  status: JobStatus
  result?: { open: number; done: number }
}

const jobs = new Map<string, Job>()
const queue: string[] = []

// The slow part: a report that takes a while (here 300 ms; in real life, seconds to minutes).
export async function buildReport(projectId: string): Promise<{ open: number; done: number }> {
  await new Promise((resolve) => setTimeout(resolve, 300))
  return projectId === 'p1' ? { open: 1, done: 1 } : { open: 2, done: 0 }
}

export function createJob(projectId: string): Job {
  const job: Job = { id: crypto.randomUUID(), projectId, status: 'queued' }
  jobs.set(job.id, job)
  queue.push(job.id)
  setTimeout(work, 0) // wake the worker
  return job
}

export function findJob(id: string): Job | undefined {
  return jobs.get(id)
}

// The worker: takes one job at a time off the queue. A crash mid-job would, in a real queue,
// make the job visible again and run it a second time: why jobs must be safe to repeat.
let busy = false
async function work() {
  if (busy) return
  busy = true
  try {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const job = jobs.get(id)!
      job.status = 'running'
      try {
        job.result = await buildReport(job.projectId)
        job.status = 'done'
      } catch {
        job.status = 'failed'
      }
    }
  } finally {
    busy = false
  }
}
