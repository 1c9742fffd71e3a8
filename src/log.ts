import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs with ISO timestamps. Tokens and secrets are never passed to it. */
export function createLogger(level: string, nodeId: string): Logger {
  return pino({
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
  });
}
