/**
 * A small typed event bus: the service says what happened, listeners react. Listeners run as
 * microtasks, which means before the handler that emitted continues past its next await, not
 * "after the request": a slow synchronous listener still delays the response. Each listener's
 * failure is caught so it cannot break the request or the other listeners.
 */
type Listener<T> = (payload: T) => void | Promise<void>

export class EventBus<Events extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof Events]?: Listener<Events[K]>[] } = {}

  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): void {
    ;(this.listeners[name] ??= []).push(listener)
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const listener of this.listeners[name] ?? []) {
      queueMicrotask(async () => {
        try {
          await listener(payload)
        } catch (err) {
          console.error(`Listener for ${String(name)} failed:`, err)
        }
      })
    }
  }
}
