import type { Bus } from './bus/bus.js';
import type { SequencerDirectory } from './bus/directory.js';
import { NatsDirectory } from './bus/nats-directory.js';
import { MemoryBus } from './bus/memory.js';
import { NatsUnreachableError, connectNatsWithin, setUpWithin } from './bus/nats-first-connect.js';
import { natsNames } from './bus/nats-names.js';
import { NatsBus, connectNats } from './bus/nats.js';
import type { Config } from './config/config.js';
import type { Closables } from './lifecycle/closables.js';
import type { Scheduler } from './lifecycle/scheduler.js';
import type { Logger } from './log.js';
import { FileStore } from './store/file.js';
import { NatsKvStore } from './store/nats-kv.js';
import type { StateStore, StoreTelemetry } from './store/store.js';

/** What a node stores and shares through: the batch bus and the moderation state store, both of one kind. */
export interface Backend {
  readonly bus: Bus;
  readonly store: StateStore;
  /** Who sequences each room (leases, forwarding); undefined on the memory bus, whose node sequences every room. */
  readonly directory: SequencerDirectory | undefined;
}

/** A forwarded tick waits this long (ms) for its sequencer, which itself may retry a JetStream publish for 2 s. */
export const FORWARD_TIMEOUT_MS = 3000;

/**
 * Builds the backend the config asks for: with `NATS_URL`, one NATS connection shared by the
 * JetStream bus and the KV state store; without it, the memory bus and a file store under
 * `DATA_DIR`. Registers both in `closables` (the store closes first: it borrows the bus's
 * connection); the memory bus sweeps its history and the cluster's heartbeat runs on `scheduler`.
 *
 * With NATS, start-up waits out a JetStream that is briefly unavailable (a request timing out, no
 * meta leader, status 503: a NATS cluster electing a leader, one server stalled), retrying each set-up
 * step within the same `NATS_CONNECT_TIMEOUT_MS` as the first connection.
 *
 * @throws Error naming `NATS_URL` and the address when NATS stays unreachable for
 *   `NATS_CONNECT_TIMEOUT_MS`; JetStreamUnavailableError (bus/nats-first-connect.ts) when JetStream stays unavailable
 *   past it; the store's or stream's error when JetStream refuses them (the connection is closed
 *   when the stream fails).
 */
export async function createBackend(
  config: Config,
  log: Logger,
  telemetry: StoreTelemetry,
  closables: Closables,
  scheduler: Scheduler,
): Promise<Backend> {
  const url = config.natsUrl;
  if (url === undefined) {
    const bus = closables.add(
      'memory bus',
      new MemoryBus({
        historyMaxBatches: config.historyMaxBatches,
        historyMaxAgeMs: config.historyMaxAgeMs,
        sweepIntervalMs: config.historySweepIntervalMs,
        scheduler,
        onDeliveryError: (err, room, seq) => log.error({ err, room, seq }, 'delivering a stored batch failed'),
      }),
      (b) => b.close(),
    );
    const store = closables.add('file store', await FileStore.open(config.dataDir, telemetry), (s) => s.close());
    return { bus, store, directory: undefined };
  }
  // One budget for the whole start-up: reaching NATS, then JetStream answering.
  const deadline = performance.now() + config.natsConnectTimeoutMs;
  const connection = await connectNatsWithin(() => connectNats(url, config.natsAuth, config.nodeId), {
    address: url.join(','),
    timeoutMs: config.natsConnectTimeoutMs,
    onRetry: (err, attempt, delayMs) => log.warn({ err, attempt, delayMs }, 'NATS not reachable yet, retrying'),
  }).catch((err: unknown) => {
    throw err instanceof NatsUnreachableError ? new Error(`NATS_URL: ${err.message}`, { cause: err }) : err;
  });
  const retrying = {
    deadline,
    onRetry: (err: unknown, attempt: number, delayMs: number) =>
      log.warn({ err, attempt, delayMs }, 'JetStream not available yet, retrying'),
  };
  let bus: NatsBus;
  try {
    bus = await setUpWithin(
      'the room stream',
      () =>
        NatsBus.start(connection, {
          prefix: config.natsPrefix,
          historyMaxBatches: config.historyMaxBatches,
          historyMaxAgeMs: config.historyMaxAgeMs,
          dedupWindowMs: config.limits.dedupWindowMs,
          replicas: config.natsReplicas,
          log: log.child({ component: 'nats-bus' }),
        }),
      retrying,
    );
  } catch (err) {
    await connection.close();
    throw err;
  }
  // The bus owns the connection from here: closing it closes the connection.
  closables.add('NATS bus', bus, (b) => b.close());
  const store = closables.add(
    'NATS KV store',
    await setUpWithin(
      'the moderation state bucket',
      () => NatsKvStore.open(connection, natsNames(config.natsPrefix).stateBucket, telemetry, config.natsReplicas),
      retrying,
    ),
    (s) => s.close(),
  );
  const directory = closables.add(
    'sequencer directory',
    await setUpWithin(
      'the room directory',
      () =>
        NatsDirectory.open(connection, {
          prefix: config.natsPrefix,
          nodeId: config.nodeId,
          leaseTtlMs: config.roomLeaseTtlMs,
          replicas: config.natsReplicas,
          forwardTimeoutMs: FORWARD_TIMEOUT_MS,
          recent: (room, sinceMs) => bus.recent(room, sinceMs),
          scheduler,
          log: log.child({ component: 'sequencer-directory' }),
        }),
      retrying,
    ),
    (d) => d.close(),
  );
  return { bus, store, directory };
}
