// The tool the model may call. The model only asks; this code decides what runs and with
// which checked arguments, so a tool is as safe as the code behind it.
import { z } from 'zod'

const tasks = [
  { id: 't1', title: 'Write the launch plan', done: true },
  { id: 't2', title: 'Book the venue', done: false },
  { id: 't3', title: 'Draft the API guide', done: false },
  { id: 't4', title: 'Review the glossary', done: false },
]

// What the model is told about the tool: a name, what it is for, and JSON Schema parameters.
export const listTasksTool = {
  type: 'function' as const,
  name: 'list_tasks',
  description: 'Lists the tasks of the current project. Pass done to get only finished or only open tasks.',
  strict: false,
  parameters: {
    type: 'object',
    properties: { done: { type: 'boolean', description: 'true: finished tasks; false: open ones' } },
    additionalProperties: false,
  },
}

// The arguments arrive as a JSON string written by the model: parse and check them like any input.
const ListTasksArgs = z.object({ done: z.boolean().optional() })

export function listTasks(argumentsJson: string): string {
  let raw: unknown
  try {
    raw = JSON.parse(argumentsJson)
  } catch {
    return JSON.stringify({ error: 'arguments are not valid JSON' })
  }
  const args = ListTasksArgs.safeParse(raw)
  if (!args.success) return JSON.stringify({ error: 'invalid arguments' })
  const { done } = args.data
  return JSON.stringify(done === undefined ? tasks : tasks.filter((task) => task.done === done))
}

export function openTaskTitles(): string {
  return tasks
    .filter((task) => !task.done)
    .map((task) => `- ${task.title}`)
    .join('\n')
}
