/**
 * Which stored sandbox databases are set up, readable from the runner page and the DB worker
 * (both on the sandbox origin) without loading PGlite.
 */
export function storedPath(dataDir: string) {
  return dataDir.replace(/^[a-z0-9-]+:\/\//, '')
}

/**
 * Whether this data dir holds a set-up database: a marker file next to it, written once
 * schema.sql and seed.sql committed. A page closed before leaves no marker, so the next open
 * discards the folder and starts again from a new database.
 */
function markerName(dataDir: string) {
  return `${storedPath(dataDir)}.set-up`
}

export async function isSetUp(dataDir: string): Promise<boolean> {
  if (dataDir === 'memory://') return false
  try {
    await (await navigator.storage.getDirectory()).getFileHandle(markerName(dataDir))
    return true
  } catch {
    return false
  }
}

export async function markSetUp(dataDir: string) {
  await (await navigator.storage.getDirectory()).getFileHandle(markerName(dataDir), { create: true })
}
