import type { us_listen_socket } from 'uWebSockets.js';
import { AuditLog } from './admin/audit.js';
import { applyModerationSignals } from './admin/effects.js';
import { attachAdminRoutes } from './admin/http.js';
import { adminRoutes } from './admin/routes.js';
import type { Bus } from './bus/bus.js';
import { MemoryBus } from './bus/memory.js';
import type { Config } from './config/config.js';
import { CommentPipeline } from './gateway/comments.js';
import { Gateway } from './gateway/gateway.js';
import { attachHealth, attachNotFound } from './gateway/http.js';
import { topicOf } from './gateway/session.js';
import { loadNativeUws } from './gateway/uws.js';
import { KeyedTokenBuckets } from './limits/token-bucket.js';
import type { Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { ModerationGate } from './moderation/gate.js';
import { ModerationState } from './moderation/state.js';
import { countBatchItems } from './protocol/batch-scan.js';
import { RoomBatcher } from './rooms/batcher.js';
import { RoomHub } from './rooms/hub.js';
import { RoomRates } from './rooms/rates.js';
import { RetryCache } from './rooms/retry-cache.js';
import { createStateStore } from './store/create.js';

export interface Node {
  readonly port: number;
  readonly config: Config;
  readonly metrics: Metrics;
  readonly gateway: Gateway;
  /** Graceful stop: refuse new work, flush batches, goaway to every client, close. */
  drain(): Promise<void>;
}

async function createBus(config: Config): Promise<Bus> {
  return new MemoryBus({ historyMaxBatches: config.historyMaxBatches, historyMaxAgeMs: config.historyMaxAgeMs });
}

/** Composition root of one node: builds every module, wires them, and listens. */
export async function startNode(config: Config, log: Logger): Promise<Node> {
  const uWS = loadNativeUws();
  const metrics = createMetrics(config.nodeId);
  const bus = await createBus(config);
  metrics.busConnected.set(bus.isReady() ? 1 : 0);
  bus.onReadyChange((ready) => {
    metrics.busConnected.set(ready ? 1 : 0);
    if (ready) metrics.busReconnects.inc();
    log.warn({ ready }, 'bus readiness changed');
  });

  const store = await createStateStore(config);
  const moderation = new ModerationState(store, { recallTtlMs: config.historyMaxAgeMs });
  const audit = new AuditLog(store);
  await Promise.all([moderation.start(), audit.start()]);
  const rates = new RoomRates();

  const app = uWS.App();
  const hub = new RoomHub(
    bus,
    (room, frame) => {
      rates.record(room, countBatchItems(frame));
      const topic = topicOf(room);
      const viewers = app.numSubscribers(topic);
      if (viewers === 0) return;
      app.publish(topic, frame, true);
      metrics.deliveredFrames.inc(viewers);
      metrics.deliveredBytes.inc(viewers * frame.length);
    },
    metrics,
    moderation,
  );
  const batcher = new RoomBatcher(bus, { intervalMs: config.batchIntervalMs, maxItems: config.batchMaxItems }, metrics);
  const rate = new KeyedTokenBuckets(config.limits.commentRatePerSec, config.limits.commentBurst);
  let accepting = true;
  const gate = new ModerationGate(moderation);
  const comments = new CommentPipeline(config.limits, batcher, new RetryCache(config.limits.dedupWindowMs), rate, gate, metrics, () => accepting);
  const viewers = (room: string) => hub.localViewers(room);
  const gateway = new Gateway({ config, hub, comments, metrics, log, viewers });
  applyModerationSignals(bus, gateway, moderation, log);

  gateway.attach(app);
  attachHealth(app, {
    ready: () => accepting && bus.isReady(),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
  });
  attachAdminRoutes(app, '/admin/v1', adminRoutes({ state: moderation, audit, bus, limits: config.limits, rooms: () => hub.roomNames(), viewers, rates }), {
    secret: config.authSecret,
    audit,
    log,
  });
  attachNotFound(app);

  const listenSocket = await new Promise<us_listen_socket>((resolve, reject) => {
    app.listen(config.host, config.port, (socket) => (socket ? resolve(socket) : reject(new Error(`cannot listen on ${config.host}:${config.port}`))));
  });
  const port = uWS.us_socket_local_port(listenSocket);

  let drained: Promise<void> | undefined;
  const drain = () =>
    (drained ??= (async () => {
      accepting = false;
      uWS.us_listen_socket_close(listenSocket);
      // Every comment accepted so far gets its ack before its socket is told to go away.
      await batcher.flushAll();
      gateway.drain();
      gateway.stop();
      rate.close();
      gate.close();
      rates.close();
      moderation.stop();
      await bus.close();
      await store.close();
      app.close();
      log.info('drained');
    })());

  return { port, config, metrics, gateway, drain };
}
