import { AuditLog } from './admin/audit.js';
import { FORWARD_TIMEOUT_MS, createBackend } from './backend.js';
import { Closables } from './lifecycle/closables.js';
import { Scheduler } from './lifecycle/scheduler.js';
import { applyModerationSignals } from './admin/effects.js';
import { attachAdminRoutes } from './admin/http.js';
import { ADMIN_ROUTES } from './admin/routes.js';
import type { Config } from './config/config.js';
import { CommentPipeline } from './gateway/comments.js';
import { attachDemo } from './gateway/demo.js';
import { Gateway } from './gateway/gateway.js';
import { attachHealth, attachNotFound } from './gateway/http.js';
import { PollEndpoint } from './gateway/poll.js';
import { RoomFanout } from './gateway/fanout.js';
import { ListenError, listenExclusive, loadNativeUws } from './gateway/uws.js';
import { UpgradeAdmission } from './limits/admission.js';
import { KeyedTokenBuckets } from './limits/token-bucket.js';
import type { Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { ModerationGate } from './moderation/gate.js';
import { ModerationState } from './moderation/state.js';
import { countBatchItems } from './protocol/batch-scan.js';
import { RoomBatcher } from './rooms/batcher.js';
import { RoomHub } from './rooms/hub.js';
import { Presence } from './rooms/presence.js';
import { PresenceFrames } from './rooms/presence-frames.js';
import { RoomRates } from './rooms/rates.js';
import { CommentRouter } from './rooms/router.js';
import { Sequencer } from './rooms/sequencer.js';
import { TokenVerifier } from './auth/verifier.js';

// Clients answer a close frame within a round trip; one that has not after this is gone.
const CLOSE_HANDSHAKE_TIMEOUT_MS = 2000;

export interface Node {
  readonly port: number;
  readonly config: Config;
  readonly metrics: Metrics;
  readonly gateway: Gateway;
  /** Graceful stop: refuse new work, flush batches, goaway to every client, close. */
  drain(): Promise<void>;
}

/** Composition root of one node: builds every module, wires them, and listens. */
export async function startNode(config: Config, log: Logger): Promise<Node> {
  const closables = new Closables();
  try {
    return await buildNode(config, log, closables);
  } catch (err) {
    // A node that fails half-built (NATS gone, port taken) releases what it opened: the process may go on (tests, a retry).
    await closables.closeAll(log);
    throw err;
  }
}

async function buildNode(config: Config, log: Logger, closables: Closables): Promise<Node> {
  const uWS = loadNativeUws();
  const metrics = createMetrics(config.nodeId, config.metricsEnabled);
  // Periodic sweeps run on it; closing it at drain cancels them all.
  const scheduler = closables.add('scheduler', new Scheduler(log), (s) => s.close());
  const { bus, store, directory } = await createBackend(
    config,
    log,
    { log, failures: metrics.storeFailures },
    closables,
    scheduler,
  );
  metrics.measureHistory(() => bus.historyBatches());
  metrics.busConnected.set(bus.isReady() ? 1 : 0);
  bus.onReadyChange((ready) => {
    metrics.busConnected.set(ready ? 1 : 0);
    if (ready) metrics.busReconnects.inc();
    log.warn({ ready }, 'bus readiness changed');
  });

  const moderation = closables.add(
    'moderation state',
    new ModerationState(store, {
      recallTtlMs: config.historyMaxAgeMs,
      scheduler,
      log,
      corruptEntries: metrics.corruptEntries,
    }),
    (m) => m.stop(),
  );
  const audit = new AuditLog(store, { log, corruptEntries: metrics.corruptEntries });
  await Promise.all([moderation.start(), audit.start()]);
  const rates = new RoomRates(scheduler);

  // With a certificate the same port serves wss:// and https:// directly; plain ws:// is then refused.
  const app = closables.add(
    'uWS app',
    config.tlsCertFile && config.tlsKeyFile
      ? uWS.SSLApp({ cert_file_name: config.tlsCertFile, key_file_name: config.tlsKeyFile })
      : uWS.App(),
    (a) => a.close(),
  );
  const fanout = new RoomFanout(
    app,
    {
      deflateMinBytes: config.batchDeflateMinBytes ?? 0,
      deflateMinFanoutBytes: config.batchDeflateMinFanoutBytes,
      wsCompression: config.wsCompression === 'shared',
    },
    metrics,
  );
  const hub = new RoomHub(
    bus,
    (frame, batch, compact) => {
      poll.deliver(batch.room, frame);
      rates.record(batch.room, countBatchItems(frame));
      fanout.batch(frame, batch, compact);
    },
    metrics,
    config.limits.maxReplayBytes,
    moderation,
    config.resumeWindow,
    scheduler,
  );
  const roomBudget = new KeyedTokenBuckets(
    config.limits.roomRatePerSec,
    config.limits.roomRatePerSec,
    scheduler,
    'room budget',
  );
  const sequencer = new Sequencer(
    bus,
    directory,
    {
      dedupWindowMs: config.limits.dedupWindowMs,
      slowModeMs: (room) => moderation.settings(room).slowModeSeconds * 1000,
    },
    scheduler,
  );
  const batcher = new RoomBatcher(
    sequencer.store,
    {
      intervalMs: config.batchIntervalMs,
      maxItems: config.batchMaxItems,
      maxBytes: config.batchMaxBytes,
      alignMs: config.batchAlignMs,
      // Half a period after the routers' boundaries: comments forwarded at one arrive before this flush.
      alignPhaseMs: Math.floor(config.batchAlignMs / 2),
    },
    metrics,
    roomBudget,
    scheduler,
  );
  sequencer.attach(batcher);
  const router = new CommentRouter(sequencer, directory, {
    intervalMs: config.batchIntervalMs,
    alignMs: config.batchAlignMs,
    forwardDeadlineMs: config.roomLeaseTtlMs + FORWARD_TIMEOUT_MS,
  });
  directory?.serve((room, submissions) => sequencer.submit(room, submissions));
  const rate = new KeyedTokenBuckets(
    config.limits.commentRatePerSec,
    config.limits.commentBurst,
    scheduler,
    'comment rate',
  );
  let accepting = true;
  const gate = new ModerationGate(moderation);
  const comments = new CommentPipeline(
    config.limits,
    router,
    () => batcher.newId(),
    rate,
    gate,
    metrics,
    () => accepting,
    scheduler.now,
  );
  const admission = new UpgradeAdmission(config.limits, scheduler);
  const adminRate = new KeyedTokenBuckets(
    config.limits.adminRatePerSec,
    config.limits.adminRatePerSec * 2,
    scheduler,
    'admin rate',
  );
  const presence = closables.add('presence', new Presence(bus, config.nodeId, hub, scheduler), (p) => p.close());
  // Long-polls get counts in `joined` only: a presence frame would answer every held poll, whose
  // next request rejoins and changes the count again.
  const presenceFrames = closables.add(
    'presence frames',
    new PresenceFrames(
      { total: (room) => presence.total(room), localViewers: (room) => hub.localViewers(room) },
      (room, frame) => fanout.frame(room, frame),
      { intervalMs: config.presenceIntervalMs },
      scheduler,
    ),
    (frames) => frames.close(),
  );
  hub.onViewersChange((room) => presenceFrames.changed(room));
  presence.onRemoteChange((room) => presenceFrames.changed(room));
  const tokens = new TokenVerifier(config.auth);
  const endpointDeps = {
    config,
    tokens,
    hub,
    comments,
    metrics,
    log,
    admission,
    viewers: (room: string) => presence.total(room),
    scheduler,
  };
  const gateway = closables.add(
    'gateway',
    new Gateway({ ...endpointDeps, subscriptionsChanged: (room) => fanout.subscriptionsChanged(room) }),
    (g) => g.stop(),
  );
  const poll = closables.add('poll', new PollEndpoint(endpointDeps), (p) => p.stop());
  applyModerationSignals(
    bus,
    {
      publishToRoom: (room, frame) => {
        poll.deliver(room, frame);
        return fanout.frame(room, frame);
      },
      closeUser: (userId, reason, code, text) => gateway.closeUser(userId, reason, code, text),
    },
    moderation,
    log,
  );

  gateway.attach(app);
  poll.attach(app);
  attachDemo(app, config);
  attachHealth(app, {
    ready: () => accepting && bus.isReady(),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    log,
  });
  attachAdminRoutes(app, '/admin/v1', ADMIN_ROUTES, {
    tokens,
    audit,
    log,
    rate: adminRate,
    allowedOrigins: config.adminAllowedOrigins,
    handlers: {
      state: moderation,
      audit,
      bus,
      limits: config.limits,
      rooms: () => hub.roomNames(),
      viewers: endpointDeps.viewers,
      rates,
    },
  });
  attachNotFound(app);

  const listenSocket = await listenExclusive(app, config.host, config.port).catch((err: unknown) => {
    throw err instanceof ListenError ? new Error(`PORT: ${err.message}`, { cause: err }) : err;
  });
  const port = uWS.us_socket_local_port(listenSocket);

  let drained: Promise<void> | undefined;
  const drain = () =>
    (drained ??= (async () => {
      accepting = false;
      uWS.us_listen_socket_close(listenSocket);
      // Every comment accepted so far gets its ack before its socket is told to go away.
      await router.flushAll();
      await batcher.flushAll();
      await directory?.releaseAll();
      poll.drain();
      await gateway.drain(CLOSE_HANDSHAKE_TIMEOUT_MS);
      await closables.closeAll(log);
      log.info('drained');
    })());

  return { port, config, metrics, gateway, drain };
}
