type Listener<E> = (event: E) => void;

/** A typed event emitter over a discriminated union: listeners receive the member named by `type`. */
export class Emitter<E extends { readonly type: string }> {
  private readonly listeners = new Map<string, Set<Listener<never>>>();

  on<T extends E['type']>(type: T, listener: Listener<Extract<E, { type: T }>>): () => void {
    let set = this.listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit(event: E): void {
    const set = this.listeners.get(event.type);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<E>)(event);
      } catch (err) {
        // An app listener that throws must not leave the connection half-updated; it is rethrown
        // outside, from a timer (WeChat's runtime has no queueMicrotask).
        setTimeout(() => {
          throw err;
        }, 0);
      }
    }
  }
}
