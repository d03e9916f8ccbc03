// The contract in one place: the handlers validate with these schemas, and the OpenAPI
// document is generated from them, so the documentation cannot drift from the code.
import { z } from 'zod'

export const Task = z
  .object({
    id: z.string().meta({ examples: ['t1'] }),
    title: z.string().min(1).max(200),
    done: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Task' })

export const TaskPage = z
  .object({
    items: z.array(Task),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as ?cursor= to get the next page; null on the last page.'),
  })
  .meta({ id: 'TaskPage' })

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().optional(),
})

export type Task = z.infer<typeof Task>
