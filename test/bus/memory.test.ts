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

t.test('a subscriber that throws fails neither the write nor the room’s other subscribers', async (t) => {
  const failures: { room: string; seq: number; message: string }[] = [];
  const bus = new MemoryBus({
    historyMaxBatches: 10,
    historyMaxAgeMs: 60_000,
    scheduler: systemScheduler().scheduler,
    onDeliveryError: (err, room, seq) => failures.push({ room, seq, message: (err as Error).message }),
  });
  t.teardown(() => bus.close());
  const seen: number[] = [];
  bus.subscribe('r', () => {
    throw new Error('viewer fan-out broke');
  });
  bus.subscribe('r', (batch) => seen.push(batch.seq));
  const position = await bus.publish('r', new Uint8Array([1, 2, 3]), Date.now());
  t.equal(position.seq, 1, 'the publish resolves with the stored seq: a retry would not store it again');
  t.same(seen, [1], 'the other subscriber got the batch');
  t.same(failures, [{ room: 'r', seq: 1, message: 'viewer fan-out broke' }], 'the failure is reported');
  const replay = await bus.replay('r', position.epoch, 0);
  t.equal(replay.complete && replay.batches.length, 1, 'history holds the batch once');
});
