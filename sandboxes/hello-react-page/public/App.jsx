import { useEffect, useState } from 'react'

// A React component that loads GET /hello when it appears on screen.
function App() {
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

  if (error) return <p role="alert">Could not load the greeting: {error}</p>
  if (message === null) return <p>Loading…</p>
  return (
    <div>
      <h1>{message}</h1>
      <p>This text came from the backend: GET /hello.</p>
    </div>
  )
}

export default App
