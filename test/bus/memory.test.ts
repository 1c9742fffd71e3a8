import t from 'tap';
import { MemoryBus } from '../../src/bus/memory.js';
import { busContract } from './contract.js';

busContract(t, ({ historyMaxBatches }) =>
  Promise.resolve(new MemoryBus({ historyMaxBatches, historyMaxAgeMs: 60_000 })),
);
