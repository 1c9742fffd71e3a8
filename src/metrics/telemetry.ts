import { v1 } from '../protocol/codec.js';
import type { danmaku } from '../protocol/generated/danmaku.js';
import { platformLabel, type Platform } from '../domain/connection.js';
import type { Metrics, TelemetryEventKind, TelemetryRejection } from './metrics.js';

type TelemetryEvent = danmaku.v1.TelemetryEvent.$Properties;

/**
 * Telemetry events one connection may feed into metrics over its whole life. An SDK reports the
 * handful of events around each (re)connect; a client sending more is broken or hostile, and
 * must not be able to outweigh every honest client in the histograms.
 */
export const TELEMETRY_EVENTS_PER_CONNECTION = 64;
/** Larger values are not a slow network but a bad clock or a forged report: dropped, not clamped. */
export const MAX_REPORTED_ATTEMPT = 1000;
export const MAX_REPORTED_DURATION_MS = 3_600_000;

const KIND_LABELS: ReadonlyMap<number, TelemetryEventKind> = new Map([
  [v1.TelemetryKind.CONNECTED, 'connected'],
  [v1.TelemetryKind.DISCONNECTED, 'disconnected'],
  [v1.TelemetryKind.RECONNECT_ATTEMPT, 'reconnect_attempt'],
  [v1.TelemetryKind.RECONNECTED, 'reconnected'],
  [v1.TelemetryKind.CLIENT_ERROR, 'error'],
]);

/** What the telemetry recorder needs from a session: the platform its hello named, and its budget. */
export interface TelemetrySource {
  readonly platform: Platform;
  telemetryEvents: number;
}

/**
 * Turns a client's Report frame into the client-side reconnect metrics. Every label comes from a
 * fixed set (unknown platforms become "other"), and every observed value is range-checked.
 */
export function recordReport(metrics: Metrics, source: TelemetrySource, events: readonly TelemetryEvent[]): void {
  for (const event of events) {
    if (source.telemetryEvents >= TELEMETRY_EVENTS_PER_CONNECTION) {
      reject(metrics, 'over_budget');
      continue;
    }
    source.telemetryEvents++;
    recordEvent(metrics, source, event);
  }
}

function reject(metrics: Metrics, reason: TelemetryRejection): void {
  metrics.clientEventsRejected.inc({ reason });
}

function recordEvent(metrics: Metrics, source: TelemetrySource, event: TelemetryEvent): void {
  const kind = KIND_LABELS.get(event.kind ?? 0);
  if (kind === undefined) return reject(metrics, 'unknown_kind');
  const attempt = event.attempt ?? 0;
  const durationMs = event.durationMs ?? 0;
  if (
    attempt > MAX_REPORTED_ATTEMPT ||
    durationMs > MAX_REPORTED_DURATION_MS ||
    (kind === 'reconnected' && attempt === 0)
  ) {
    return reject(metrics, 'out_of_range');
  }
  // The platform named in hello wins: it is said once per connection, before any report.
  const platform = source.platform !== 'other' ? source.platform : platformLabel(event.platform ?? '');
  metrics.clientEvents.inc({ platform, kind });
  if (kind === 'reconnected') {
    metrics.clientReconnectAttempts.observe({ platform }, attempt);
    metrics.clientReconnectDuration.observe({ platform }, durationMs / 1000);
  } else if (kind === 'connected') {
    metrics.clientConnectDuration.observe({ platform }, durationMs / 1000);
  }
}
