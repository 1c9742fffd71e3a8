import type { Bus } from '../bus/bus.js';
import { NatsBus } from '../bus/nats.js';
import type { Config } from '../config/config.js';
import { FileStore } from './file.js';
import { NatsKvStore } from './nats-kv.js';
import type { StateStore, StoreTelemetry } from './store.js';

/** The moderation state store of a node: the cluster's NATS KV bucket on a NATS bus, else a file under DATA_DIR. */
export function createStateStore(config: Config, bus: Bus, telemetry: StoreTelemetry): Promise<StateStore> {
  if (bus instanceof NatsBus)
    return NatsKvStore.open(bus.connection, bus.names.stateBucket, telemetry, config.natsReplicas);
  return FileStore.open(config.dataDir, telemetry);
}
