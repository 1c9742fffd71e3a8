import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../src/log.js';
import type { StoreFailureKind, StoreOperation, StoreTelemetry } from '../../src/store/store.js';

/** One JSON log line as pino writes it. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A real pino logger whose lines a test can read, and counters that record their increments. */
export class RecordedTelemetry implements StoreTelemetry {
  readonly lines: LogLine[] = [];
  readonly log: Logger;
  private readonly counts = new Map<string, number>();

  readonly failures = {
    inc: (labels: { operation: StoreOperation; kind: StoreFailureKind }) =>
      this.count(`${labels.operation}/${labels.kind}`),
  };

  readonly corruptEntries = {
    inc: (labels: { entry: string }) => this.count(`corrupt/${labels.entry}`),
  };

  /** `onCount` hears every count as it happens ("watch/error"), e.g. to fail a test at once. */
  constructor(private readonly onCount: (key: string) => void = () => undefined) {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line !== '') this.lines.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    this.log = pino({ level: 'debug' }, sink);
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.onCount(key);
  }

  /** How often a failure ("put/unavailable") or a corrupt entry kind ("corrupt/ban") was counted. */
  counted(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Log lines at warn or above whose message contains `text`. */
  logged(text: string): LogLine[] {
    return this.lines.filter((l) => l.level >= 40 && l.msg.includes(text));
  }
}
