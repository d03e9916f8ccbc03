// The mount line: put <App /> into the page's <div id="root">.
import { createRoot } from 'react-dom/client'
import App from './App.jsx'

createRoot(document.getElementById('root')).render(<App />)
