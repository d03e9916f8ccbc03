// Instance a: the tasks API with its own session store (see session-store.ts).
import { createInstance } from './instance.ts'
import { instanceSessions } from './session-store.ts'

export default createInstance('a', instanceSessions())
