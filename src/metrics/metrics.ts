import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why a connection ended; a bounded label. */
export type CloseReason = 'client' | 'heartbeat' | 'backpressure' | 'auth' | 'protocol' | 'drain' | 'kicked' | 'error';
export type Transport = 'websocket' | 'longpoll';
export type ResumeOutcome = 'resumed' | 'gap' | 'fresh';
export type UpgradeRefusal = 'unauthenticated' | 'draining' | 'overloaded' | 'origin' | 'ip_limit' | 'rate';
export type Platform = 'wx' | 'web' | 'node' | 'other';

const PLATFORMS: ReadonlySet<string> = new Set(['wx', 'web', 'node']);

/** Maps a client-supplied platform string onto the bounded label set. */
export function platformLabel(platform: string): Platform {
  return PLATFORMS.has(platform) ? (platform as Platform) : 'other';
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5];
const RECONNECT_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128];

/**
 * Every metric the server exports, in one registry passed down from main (never the global one,
 * so tests can run several nodes in one process). Names follow danmaku_<subsystem>_<name>_<unit>.
 * No label carries a room or user id: their values are unbounded.
 */
export function createMetrics(nodeId: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ node: nodeId });
  collectDefaultMetrics({ register: registry });
  const r = { registers: [registry] };

  return {
    registry,
    connectionsOpen: new Gauge({ ...r, name: 'danmaku_connections_open', help: 'Connections open now.', labelNames: ['transport'] as const }),
    connectionsOpened: new Counter({ ...r, name: 'danmaku_connections_opened_total', help: 'Connections opened.', labelNames: ['transport'] as const }),
    connectionsClosed: new Counter({ ...r, name: 'danmaku_connections_closed_total', help: 'Connections closed, by reason class.', labelNames: ['transport', 'reason'] as const }),
    connectionDuration: new Histogram({
      ...r,
      name: 'danmaku_connection_duration_seconds',
      help: 'How long connections stayed open.',
      labelNames: ['transport'] as const,
      buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400],
    }),
    upgradesRefused: new Counter({ ...r, name: 'danmaku_upgrades_refused_total', help: 'WebSocket upgrades refused, by reason.', labelNames: ['reason'] as const }),

    pingsReceived: new Counter({ ...r, name: 'danmaku_heartbeat_pings_received_total', help: 'Application pings received.' }),
    pongsSent: new Counter({ ...r, name: 'danmaku_heartbeat_pongs_sent_total', help: 'Application pongs sent.' }),
    heartbeatTimeouts: new Counter({ ...r, name: 'danmaku_heartbeat_timeouts_total', help: 'Connections closed because nothing arrived within the idle timeout.' }),
    heartbeatRtt: new Histogram({
      ...r,
      name: 'danmaku_heartbeat_rtt_seconds',
      help: 'Round trip of WebSocket pings sent by the server, measured from the pong.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),

    reconnectsSeen: new Counter({ ...r, name: 'danmaku_reconnects_total', help: 'Connections that said in hello they are a reconnect.', labelNames: ['platform'] as const }),
    resumes: new Counter({ ...r, name: 'danmaku_resume_total', help: 'Joins by outcome: resumed from a cursor, gap, or fresh.', labelNames: ['outcome'] as const }),
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
    clientDisconnects: new Counter({ ...r, name: 'danmaku_client_disconnects_total', help: 'Disconnects reported by clients.', labelNames: ['platform'] as const }),
    clientErrors: new Counter({ ...r, name: 'danmaku_client_errors_total', help: 'Errors reported by clients.', labelNames: ['platform'] as const }),

    commentsReceived: new Counter({ ...r, name: 'danmaku_comments_received_total', help: 'Comment frames received.' }),
    commentsAccepted: new Counter({ ...r, name: 'danmaku_comments_accepted_total', help: 'Comments stored on the bus and acknowledged ok.' }),
    commentsRefused: new Counter({ ...r, name: 'danmaku_comments_refused_total', help: 'Comments refused, by error code.', labelNames: ['code'] as const }),
    commentsShed: new Counter({ ...r, name: 'danmaku_comments_shed_total', help: 'Comments answered OVERLOADED because their room was over its broadcast budget.' }),
    badFrames: new Counter({ ...r, name: 'danmaku_bad_frames_total', help: 'Frames that could not be decoded or were not allowed.' }),
    batchesPublished: new Counter({ ...r, name: 'danmaku_batches_published_total', help: 'Batches this node published to the bus.' }),
    batchItems: new Histogram({
      ...r,
      name: 'danmaku_batch_items',
      help: 'Danmaku per published batch.',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    }),
    batchBytes: new Histogram({
      ...r,
      name: 'danmaku_batch_bytes',
      help: 'Encoded size of published batches.',
      buckets: [64, 256, 1024, 4096, 16384, 65536],
    }),
    deliveredFrames: new Counter({ ...r, name: 'danmaku_delivered_frames_total', help: 'Batch frames sent to viewers (one per viewer per batch).' }),
    deliveredBytes: new Counter({ ...r, name: 'danmaku_delivered_bytes_total', help: 'Bytes of batch frames sent to viewers.' }),
    deliveryLatency: new Histogram({
      ...r,
      name: 'danmaku_delivery_latency_seconds',
      help: 'From the first comment of a batch arriving at a node to the batch being handed to viewers on a node.',
      buckets: LATENCY_BUCKETS,
    }),
    roomsActive: new Gauge({ ...r, name: 'danmaku_rooms_active', help: 'Rooms with at least one viewer on this node.' }),
    viewers: new Gauge({ ...r, name: 'danmaku_viewers', help: 'Room memberships on this node (a connection in 3 rooms counts 3).' }),
    slowViewerDrops: new Counter({ ...r, name: 'danmaku_backpressure_drops_total', help: 'Viewers closed because too much data was queued for them.' }),

    busConnected: new Gauge({ ...r, name: 'danmaku_bus_connected', help: '1 while the bus can store batches.' }),
    busReconnects: new Counter({ ...r, name: 'danmaku_bus_reconnects_total', help: 'Times the bus connection came back.' }),
    busPublishLatency: new Histogram({
      ...r,
      name: 'danmaku_bus_publish_latency_seconds',
      help: 'Time for the bus to acknowledge a stored batch.',
      buckets: LATENCY_BUCKETS,
    }),
    busPublishFailures: new Counter({ ...r, name: 'danmaku_bus_publish_failures_total', help: 'Batches the bus could not store.' }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
