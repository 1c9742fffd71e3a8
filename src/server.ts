import type { us_listen_socket } from 'uWebSockets.js';
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
import { RoomBatcher } from './rooms/batcher.js';
import { RoomHub } from './rooms/hub.js';
import { RetryCache } from './rooms/retry-cache.js';

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

  const app = uWS.App();
  const compressBatches = config.wsCompression === 'shared';
  const hub = new RoomHub(
    bus,
    (room, frame) => {
      const topic = topicOf(room);
      const viewers = app.numSubscribers(topic);
      if (viewers === 0) return;
      app.publish(topic, frame, true, compressBatches);
      metrics.deliveredFrames.inc(viewers);
      metrics.deliveredBytes.inc(viewers * frame.length);
    },
    metrics,
  );
  const batcher = new RoomBatcher(bus, { intervalMs: config.batchIntervalMs, maxItems: config.batchMaxItems }, metrics);
  const rate = new KeyedTokenBuckets(config.limits.commentRatePerSec, config.limits.commentBurst);
  let accepting = true;
  const comments = new CommentPipeline(config.limits, batcher, new RetryCache(config.limits.dedupWindowMs), rate, metrics, () => accepting);
  const gateway = new Gateway({ config, hub, comments, metrics, log, viewers: (room) => hub.localViewers(room) });

  gateway.attach(app);
  attachHealth(app, {
    ready: () => accepting && bus.isReady(),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
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
      await bus.close();
      app.close();
      log.info('drained');
    })());

  return { port, config, metrics, gateway, drain };
}
