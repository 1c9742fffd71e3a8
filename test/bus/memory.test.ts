import t from 'tap';
import { MemoryBus } from '../../src/bus/memory.js';
import { systemScheduler } from '../helpers/clock.js';
import { busContract } from './contract.js';

busContract(t, ({ historyMaxBatches }) =>
  Promise.resolve(
    new MemoryBus({ historyMaxBatches, historyMaxAgeMs: 60_000, scheduler: systemScheduler().scheduler }),
  ),
);

t.test(
  'history keeps small bodies in a few shared slabs and replays each intact, before and after eviction',
  async (t) => {
    const bus = new MemoryBus({
      historyMaxBatches: 500,
      historyMaxAgeMs: 60_000,
      scheduler: systemScheduler().scheduler,
    });
    t.teardown(() => bus.close());
    const body = (i: number) => new Uint8Array(Array.from({ length: 20 + (i % 50) }, (_, j) => (i * 31 + j) & 0xff));
    const huge = new Uint8Array(40_000).fill(7);
    // A body larger than the first slab, first: the slab grows to fit it.
    await bus.publish('slabs', new Uint8Array(5000).fill(1), Date.now());
    for (let i = 2; i <= 2000; i++) await bus.publish('slabs', i === 1990 ? huge : body(i), Date.now());
    const replay = await bus.replay('slabs', '', 1500);
    t.ok(replay.complete, 'the last 500 batches are kept');
    const batches = replay.complete ? replay.batches : [];
    t.equal(batches.length, 500);
    t.ok(
      batches.every((b) => Buffer.from(b.body).equals(Buffer.from(b.seq === 1990 ? huge : body(b.seq)))),
      'every body as published',
    );
    const buffers = new Set(batches.map((b) => b.body.buffer));
    t.ok(buffers.size <= 10, `500 batches in ${buffers.size} ArrayBuffers`);
  },
);
