// A React component that loads GET /hello when it appears. Browsers do not understand JSX and
// this page has no build step, so it calls createElement (`h`), which is what JSX compiles to:
// h('p', { role: 'alert' }, text) is <p role="alert">{text}</p>.
import { createElement as h, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'

function HelloPage() {
  const [message, setMessage] = useState(null)
  const [error, setError] = useState(null)

  useEffect(() => {
    const controller = new AbortController()

    fetch('/hello', { signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        return response.text()
      })
      .then(setMessage)
      .catch((err) => {
        if (controller.signal.aborted) return // the component unmounted; nobody is listening
        setError(err instanceof Error ? err.message : String(err))
      })

    return () => controller.abort()
  }, [])

  if (error) return h('p', { role: 'alert' }, `Could not load the greeting: ${error}`)
  if (message === null) return h('p', null, 'Loading…')
  return h('h1', null, message)
}

createRoot(document.getElementById('root')).render(h(HelloPage))
