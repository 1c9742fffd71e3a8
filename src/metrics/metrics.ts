import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FastHistogram } from './fast-histogram.js';
import { FastCounter } from './fast-counter.js';

export type ResumeOutcome = 'resumed' | 'gap' | 'fresh';
export type UpgradeRefusal = 'unauthenticated' | 'draining' | 'overloaded' | 'origin' | 'ip_limit' | 'rate';
export type TelemetryEventKind = 'connected' | 'disconnected' | 'reconnect_attempt' | 'reconnected' | 'error';
export type TelemetryRejection = 'unknown_kind' | 'out_of_range' | 'over_budget';
/** Which kind of stored entry was corrupt; a bounded label. */
export type CorruptEntryKind = 'ban' | 'room' | 'filter' | 'recall' | 'audit';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5];
const RECONNECT_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128];

/**
 * Every metric the server exports, in one registry passed down from main (never the global one,
 * so tests can run several nodes in one process). Names follow danmaku_<subsystem>_<name>_<unit>.
 * No label carries a room or user id: their values are unbounded.
 * With enabled false (METRICS=off) every metric is a no-op and /metrics is empty; it exists to
 * measure what metrics cost on the hot path (bench/metrics-cost.ts).
 */
export function createMetrics(nodeId: string, enabled = true): Metrics {
  const registry = new Registry();
  if (!enabled) return silenced(defineMetrics(registry));
  registry.setDefaultLabels({ node: nodeId });
  collectDefaultMetrics({ register: registry });
  return defineMetrics(registry);
}

function defineMetrics(registry: Registry) {
  const r = { registers: [registry] };
  let historyBatches: () => Promise<number> = () => Promise.resolve(0);

  return {
    registry,
    /** Sets where danmaku_history_batches is read from at scrape time. */
    measureHistory(source: () => Promise<number>): void {
      historyBatches = source;
    },
    history: new Gauge({
      ...r,
      name: 'danmaku_history_batches',
      help: 'Batches held in room history for resume, read from the bus at scrape time.',
      async collect() {
        this.set(await historyBatches());
      },
    }),
    connectionsOpen: new Gauge({
      ...r,
      name: 'danmaku_connections_open',
      help: 'Connections open now.',
      labelNames: ['transport'] as const,
    }),
    connectionsOpened: new Counter({
      ...r,
      name: 'danmaku_connections_opened_total',
      help: 'Connections opened.',
      labelNames: ['transport'] as const,
    }),
    connectionsClosed: new Counter({
      ...r,
      name: 'danmaku_connections_closed_total',
      help: 'Connections closed, by reason class.',
      labelNames: ['transport', 'reason'] as const,
    }),
    connectionDuration: new Histogram({
      ...r,
      name: 'danmaku_connection_duration_seconds',
      help: 'How long connections stayed open.',
      labelNames: ['transport'] as const,
      buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400],
    }),
    upgradesRefused: new Counter({
      ...r,
      name: 'danmaku_upgrades_refused_total',
      help: 'WebSocket upgrades refused, by reason.',
      labelNames: ['reason'] as const,
    }),

    pingsReceived: new Counter({
      ...r,
      name: 'danmaku_heartbeat_pings_received_total',
      help: 'Application pings received.',
    }),
    pongsSent: new Counter({ ...r, name: 'danmaku_heartbeat_pongs_sent_total', help: 'Application pongs sent.' }),
    heartbeatTimeouts: new Counter({
      ...r,
      name: 'danmaku_heartbeat_timeouts_total',
      help: 'Connections closed because nothing arrived within the idle timeout.',
    }),
    heartbeatRtt: new Histogram({
      ...r,
      name: 'danmaku_heartbeat_rtt_seconds',
      help: 'Round trip of WebSocket pings sent by the server, measured from the pong.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),

    reconnectsSeen: new Counter({
      ...r,
      name: 'danmaku_reconnects_total',
      help: 'Connections that said in hello they are a reconnect.',
      labelNames: ['platform'] as const,
    }),
    resumes: new Counter({
      ...r,
      name: 'danmaku_resume_total',
      help: 'Joins by outcome: resumed from a cursor, gap, or fresh.',
      labelNames: ['outcome'] as const,
    }),
    clientReconnectAttempts: new Histogram({
      ...r,
      name: 'danmaku_client_reconnect_attempts',
      help: 'Attempts clients needed to reconnect, from client telemetry.',
      labelNames: ['platform'] as const,
      buckets: [1, 2, 3, 5, 8, 13, 21],
    }),
    clientReconnectDuration: new Histogram({
      ...r,
      name: 'danmaku_client_reconnect_duration_seconds',
      help: 'Time from disconnect to reconnected, from client telemetry.',
      labelNames: ['platform'] as const,
      buckets: RECONNECT_BUCKETS,
    }),
    clientConnectDuration: new Histogram({
      ...r,
      name: 'danmaku_client_connect_duration_seconds',
      help: 'Time from a first connection attempt to open, from client telemetry.',
      labelNames: ['platform'] as const,
      buckets: RECONNECT_BUCKETS,
    }),
    clientEvents: new Counter({
      ...r,
      name: 'danmaku_client_events_total',
      help: 'Telemetry events accepted from clients, by platform and kind.',
      labelNames: ['platform', 'kind'] as const,
    }),
    clientEventsRejected: new Counter({
      ...r,
      name: 'danmaku_client_events_rejected_total',
      help: 'Telemetry events dropped: unknown kind, value out of range, or over the per-connection budget.',
      labelNames: ['reason'] as const,
    }),

    commentsReceived: new Counter({ ...r, name: 'danmaku_comments_received_total', help: 'Comment frames received.' }),
    commentsAccepted: new FastCounter({
      ...r,
      name: 'danmaku_comments_accepted_total',
      help: 'Comments stored on the bus and acknowledged ok.',
    }),
    commentsRefused: new Counter({
      ...r,
      name: 'danmaku_comments_refused_total',
      help: 'Comments refused, by error code.',
      labelNames: ['code'] as const,
    }),
    commentsShed: new Counter({
      ...r,
      name: 'danmaku_comments_shed_total',
      help: 'Comments answered OVERLOADED because their room was over its broadcast budget.',
    }),
    badFrames: new Counter({
      ...r,
      name: 'danmaku_bad_frames_total',
      help: 'Frames that could not be decoded or were not allowed.',
    }),
    batchesPublished: new FastCounter({
      ...r,
      name: 'danmaku_batches_published_total',
      help: 'Batches this node published to the bus.',
    }),
    batchItems: new FastHistogram({
      ...r,
      name: 'danmaku_batch_items',
      help: 'Danmaku per published batch.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    }),
    batchBytes: new FastHistogram({
      ...r,
      name: 'danmaku_batch_bytes',
      help: 'Encoded size of published batches.',
      buckets: [64, 256, 1024, 4096, 16384, 65536],
    }),
    deliveredFrames: new Counter({
      ...r,
      name: 'danmaku_delivered_frames_total',
      help: 'Batch frames sent to viewers (one per viewer per batch).',
    }),
    deliveredBytes: new Counter({
      ...r,
      name: 'danmaku_delivered_bytes_total',
      help: 'Bytes of batch frames sent to viewers.',
    }),
    deliveryLatency: new FastHistogram({
      ...r,
      name: 'danmaku_delivery_latency_seconds',
      help: 'From the first comment of a batch arriving at a node to the batch being handed to viewers on a node.',
      buckets: LATENCY_BUCKETS,
    }),
    roomsActive: new Gauge({
      ...r,
      name: 'danmaku_rooms_active',
      help: 'Rooms with at least one viewer on this node.',
    }),
    viewers: new Gauge({
      ...r,
      name: 'danmaku_viewers',
      help: 'Room memberships on this node (a connection in 3 rooms counts 3).',
    }),
    slowViewerDrops: new Counter({
      ...r,
      name: 'danmaku_backpressure_drops_total',
      help: 'Viewers closed because too much data was queued for them.',
    }),

    busConnected: new Gauge({ ...r, name: 'danmaku_bus_connected', help: '1 while the bus can store batches.' }),
    busReconnects: new Counter({
      ...r,
      name: 'danmaku_bus_reconnects_total',
      help: 'Times the bus connection came back.',
    }),
    busPublishLatency: new FastHistogram({
      ...r,
      name: 'danmaku_bus_publish_latency_seconds',
      help: 'Time for the bus to acknowledge a stored batch.',
      buckets: LATENCY_BUCKETS,
    }),
    busPublishFailures: new Counter({
      ...r,
      name: 'danmaku_bus_publish_failures_total',
      help: 'Batches the bus could not store.',
    }),
    busHistoryReads: new Counter({
      ...r,
      name: 'danmaku_bus_history_reads_total',
      help: 'Reads of room history from the bus to answer a join with a cursor (on NATS: JetStream stream reads).',
    }),
    resumeWindowHits: new Counter({
      ...r,
      name: 'danmaku_resume_window_hits_total',
      help: "Joins with a cursor answered from this node's recent batches, without reading the bus.",
    }),

    storeFailures: new Counter({
      ...r,
      name: 'danmaku_store_failures_total',
      help: 'State store operations that failed, by operation (put, delete, watch, listener) and kind (closed, unavailable, error).',
      labelNames: ['operation', 'kind'] as const,
    }),
    corruptEntries: new Counter({
      ...r,
      name: 'danmaku_moderation_corrupt_entries_total',
      help: 'Stored moderation or audit entries read that did not parse or had the wrong shape, by entry kind.',
      labelNames: ['entry'] as const,
    }),
  };
}

export type Metrics = ReturnType<typeof defineMetrics>;

const NOOP = {
  inc() {},
  dec() {},
  set() {},
  observe() {},
  labels: () => NOOP,
};

/** The same shape with every metric replaced by one that does nothing, over an empty registry. */
function silenced(metrics: Metrics): Metrics {
  metrics.registry.clear();
  const isMetric = (value: unknown) =>
    value instanceof Counter ||
    value instanceof Gauge ||
    value instanceof Histogram ||
    value instanceof FastHistogram ||
    value instanceof FastCounter;
  // NOOP answers every method the code calls on a Counter, Gauge or Histogram; the cast is confined here.
  return Object.fromEntries(
    Object.entries(metrics).map(([key, value]) => [key, isMetric(value) ? NOOP : value]),
  ) as unknown as Metrics;
}
