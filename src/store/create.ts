import type { Bus } from '../bus/bus.js';
import { NatsBus } from '../bus/nats.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { FileStore } from './file.js';
import { NatsKvStore } from './nats-kv.js';
import type { StateStore } from './store.js';

/** The moderation state store of a node: the cluster's NATS KV bucket on a NATS bus, else a file under DATA_DIR. */
export function createStateStore(config: Config, bus: Bus, log: Logger): Promise<StateStore> {
  if (bus instanceof NatsBus)
    return NatsKvStore.open(bus.connection, bus.names.stateBucket, (err) => log.error({ err }, 'state watch ended'));
  return FileStore.open(config.dataDir);
}
