import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs with ISO timestamps. Tokens and secrets are never passed to it. */
export function createLogger(level: string, nodeId: string): Logger {
  return pino({ level, base: { node: nodeId }, timestamp: pino.stdTimeFunctions.isoTime });
}
