/**
 * The sandbox server answers `/preview/…` itself only when no Service Worker did: the first
 * visit before it was installed, or a hard reload, which bypasses it. This page then installs
 * the Service Worker and reloads once, so the learner's app answers instead.
 */
const statusLine = document.getElementById('status')!
const say = (text: string) => {
  statusLine.textContent = text
}

async function boot() {
  if (!('serviceWorker' in navigator)) {
    return say(
      'Previews need Service Workers, which this browser has turned off (some private windows do). Try a normal window or another browser.',
    )
  }
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/preview/' })
    await navigator.serviceWorker.ready // this page is inside the scope
  } catch (err) {
    return say(`The preview could not start its Service Worker: ${(err as Error).message}`)
  }
  // One automatic reload; if the Service Worker still did not answer, say so instead of looping.
  const key = `preview-boot:${location.pathname}`
  const last = Number(sessionStorage.getItem(key) ?? 0)
  if (Date.now() - last < 10_000)
    return say('The preview did not start. Press Run in the lesson, then reload the preview.')
  sessionStorage.setItem(key, String(Date.now()))
  location.reload()
}

void boot()

export {}
