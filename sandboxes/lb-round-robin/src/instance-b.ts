// Instance b: the same code as instance a, in a process of its own.
import { createInstance } from './instance.ts'
import { instanceSessions } from './session-store.ts'

export default createInstance('b', instanceSessions())
