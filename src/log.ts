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
 * destination; never rejects. Call it right before process.exit. pino flushes at exit with
 * sonic-boom 4's flushSync, which retries a failed write forever: a node whose stdout reader was
 * gone (a dead log shipper, `| head`: EPIPE) hung in process.exit on SIGTERM instead of exiting. A
 * closed destination is skipped by that exit flush. Lines logged afterwards are dropped.
 */
export function closeLog(log: Logger, timeoutMs: number): Promise<void> {
  const destination = destinations.get(log);
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    log.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  }).then(() => destination?.destroy());
}
