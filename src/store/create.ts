import type { Config } from '../config/config.js';
import { FileStore } from './file.js';
import type { StateStore } from './store.js';

/** The moderation state store of a node: a file under DATA_DIR. */
export function createStateStore(config: Config): Promise<StateStore> {
  return FileStore.open(config.dataDir);
}
