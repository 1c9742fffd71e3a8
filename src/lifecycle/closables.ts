import type { Logger } from '../log.js';

/** Something a node must close on drain: a timer owner, a bus, a store, a listening app. */
export type Close = () => void | Promise<void>;

/**
 * Every component of a node that needs closing, in the order it was built. `closeAll` closes them
 * in reverse, so a component closes before what it was built on (the state store before the bus
 * whose connection it borrows), as a stack of deferred closes would.
 */
export class Closables {
  private readonly entries: { readonly name: string; readonly close: Close }[] = [];
  private closing: Promise<void> | undefined;

  /** Registers `close` under a name for the log; returns `value` so construction and registration read as one line. */
  add<T>(name: string, value: T, close: (value: T) => void | Promise<void>): T {
    this.entries.push({ name, close: () => close(value) });
    return value;
  }

  /**
   * Closes every entry, last registered first, each once even if called again. One that throws is
   * logged with its name and the rest still close: a drain must not stop halfway and leave a port
   * or a NATS connection open.
   */
  closeAll(log: Logger): Promise<void> {
    return (this.closing ??= (async () => {
      for (const { name, close } of [...this.entries].reverse()) {
        try {
          await close();
        } catch (err) {
          log.error({ err, component: name }, 'failed to close; closing the rest');
        }
      }
    })());
  }
}
