/**
 * Short links in memory. The ids come from nanoid, a package from npm: `npm install` put it
 * in node_modules, and Node finds it there when this file imports it.
 */
import { customAlphabet } from 'nanoid'

// No look-alike characters (0/O, 1/l/I), so a short link can be read aloud or typed.
// 32 characters, 7 of them: 32^7 ≈ 34 billion ids (35 bits). Enough that nobody hits a given
// link by trying a few; not a secret (see the lesson). Not enough to ignore collisions: by the
// birthday bound, 100,000 links already share an id somewhere with a chance of about 1 in 7,
// so add() draws again when an id is taken.
const newId = customAlphabet('23456789abcdefghijkmnpqrstuvwxyz', 7)

export interface Link {
  id: string
  url: string
  visits: number
  createdAt: string
}

export class LinkStore {
  private readonly links = new Map<string, Link>()

  /** Starts with the given links (the app starts with one, "docs", so there is always one to try). */
  constructor(seed: Link[] = []) {
    for (const link of seed) this.links.set(link.id, { ...link })
  }

  add(url: string): Link {
    let id = newId()
    while (this.links.has(id)) id = newId() // a collision: rare per link, certain over millions
    const link: Link = { id, url, visits: 0, createdAt: new Date().toISOString() }
    this.links.set(link.id, link)
    return link
  }

  get(id: string): Link | undefined {
    return this.links.get(id)
  }

  visit(id: string): Link | undefined {
    const link = this.links.get(id)
    if (link) link.visits++
    return link
  }

  all(): Link[] {
    return [...this.links.values()]
  }
}
