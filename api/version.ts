/** The course's version, read once from package.json so /api/health can report it. */
import pkg from '../package.json' with { type: 'json' }

export const version: string = pkg.version
