import { defineChecks } from '../../src/sandbox/checks.ts'

const assign = (id: string, assigneeId: unknown) => ({
  method: 'PATCH',
  path: `/tasks/${id}/assignee`,
  body: { assigneeId } as { assigneeId: string | null },
})

export default defineChecks([
  {
    name: 'PATCH /tasks/t4/assignee assigns Linus (u3) and answers the task',
    hint: 'Start at the outside: a route in routes.ts that reads the body and calls a new service method, which loads, changes and saves the task through the repository.',
    request: assign('t4', 'u3'),
    expect: { status: 200, jsonIncludes: { id: 't4', assigneeId: 'u3' } },
  },
  {
    name: 'An unknown user id is a 400, decided by the service',
    hint: 'Whether u9 exists is a business rule: the service throws ValidationError, and the routes already turn that into 400.',
    request: assign('t4', 'u9'),
    expect: { status: 400 },
  },
  {
    name: 'An unknown task is a 404',
    hint: 'Same as complete(): NotFoundError from the service.',
    request: assign('t99', 'u1'),
    expect: { status: 404, json: { error: 'Task not found' } },
  },
  {
    name: 'Assigning announces task.assigned, and the activity log records it',
    hint: 'Add the event to TaskEvents, emit it from the service after saving, and make the activity listener in app.ts listen to it too. The service must not know the log exists.',
    steps: [
      { request: assign('t3', 'u1'), expect: { status: 200 } },
      {
        request: { method: 'GET', path: '/activity' },
        expect: { status: 200, bodyIncludes: '"type":"task.assigned","taskId":"t3"' },
      },
    ],
  },
])
