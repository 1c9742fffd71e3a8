import { pino, type Logger } from 'pino';

export type { Logger };

/** Each logger's stdout destination, for {@link closeLog}. */
const destinations = new WeakMap<Logger, ReturnType<typeof pino.destination>>();

/** Structured JSON logs with ISO timestamps on stdout. Tokens and secrets are never passed to it. */
export function createLogger(level: string, nodeId: string): Logger {
  // pino's default destination (asynchronous stdout), kept for closeLog.
  const destination = pino.destination({ dest: 1, sync: false });
  const log = pino(
    {
      level,
      base: { node: nodeId },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A token or secret passed by mistake (an error carrying a request, a config dump) never reaches the log.
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'authSecret',
          '*.authSecret',
          'secret',
          '*.secret',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
  destinations.set(log, destination);
  return log;
}

/**
 * Writes out the log's buffered lines (waiting at most `timeoutMs`), then closes its stdout
 * destination; never rejects. Call it right before process.exit.
 *
 * Why not `log.flush(cb)`: with pino's asynchronous stdout (sonic-boom 4, minLength 0) it calls back
 * at once, and a line logged while an earlier write was in flight — the "drained" at the end of a
 * drain — was dropped by the close. `end()` writes what is buffered after the write in flight, then
 * reports 'close' (or 'error': EPIPE when the reader is gone). And why close at all: pino flushes at
 * exit with sonic-boom's flushSync, which retries a failed write forever, so a node whose stdout reader
 * was gone (a dead log shipper, `| head`) hung in process.exit on SIGTERM; a closed destination is
 * skipped by that exit flush. Lines logged afterwards are dropped.
 */
export function closeLog(log: Logger, timeoutMs: number): Promise<void> {
  const destination = destinations.get(log);
  if (destination === undefined) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    destination.once('close', done);
    // `on`, not `once`: a second error before the exit (the close failing after a failed write) must
    // not become an unhandled 'error' event that crashes the exit path.
    destination.on('error', done);
    destination.end();
  }).then(() => {
    // After an error or timeoutMs it may still be open (a write that failed or never completes):
    // closed so the exit flush skips it. After 'close' this does nothing.
    destination.destroy();
  });
}
