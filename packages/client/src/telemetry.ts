import { v1 } from '../../../src/protocol/codec.js';
import type { Clock } from './clock.js';

export type TelemetryEventProps = {
  readonly kind: (typeof v1.TelemetryKind)[keyof typeof v1.TelemetryKind];
  readonly attempt?: number;
  readonly durationMs?: number;
  readonly code?: number;
  readonly reason?: string;
};

// Reports wait in memory while offline; past this the oldest are dropped (telemetry, not data).
const MAX_QUEUED = 64;

export const TelemetryKind = v1.TelemetryKind;

/** Client telemetry waiting for a `report` frame: errors ask to go out at once, the rest ride in batches. */
export class TelemetryQueue {
  private queue: (TelemetryEventProps & { atMs: number })[] = [];

  constructor(
    private readonly platform: string,
    private readonly clock: Clock,
  ) {}

  /** Returns true when the event should be flushed now. */
  record(event: TelemetryEventProps): boolean {
    this.queue.push({ ...event, atMs: this.clock.now() });
    if (this.queue.length > MAX_QUEUED) this.queue.shift();
    return event.kind === TelemetryKind.CLIENT_ERROR;
  }

  get size(): number {
    return this.queue.length;
  }

  take(): { events: (TelemetryEventProps & { atMs: number; platform: string })[] } {
    const events = this.queue.map((e) => ({ ...e, platform: this.platform }));
    this.queue = [];
    return { events };
  }
}
