// An OpenAPI 3.1 document, whose schemas are JSON Schema 2020-12: what z.toJSONSchema() writes.
import { z } from 'zod'
import './schemas.ts' // registers Task and TaskPage (their .meta({ id }) puts them in z.globalRegistry)

// Every schema with an id, with references between them pointing into components.schemas.
function componentSchemas() {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` })
  // $schema and $id belong to stand-alone JSON Schema files, not to schemas inside OpenAPI.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  )
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Tasks API', version: '2.0.0' },
    paths: {
      '/v2/tasks': {
        get: {
          summary: 'List tasks, oldest first, one page at a time',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'A page of tasks',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/TaskPage' } } },
            },
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  }
}
