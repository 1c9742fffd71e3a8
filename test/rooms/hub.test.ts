import t from 'tap';
import type { Bus, StoredBatch } from '../../src/bus/bus.js';
import { MemoryBus } from '../../src/bus/memory.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { decodeServerFrame, encodeBatchBody } from '../../src/protocol/codec.js';
import { RoomHub } from '../../src/rooms/hub.js';
import { fakeScheduler } from '../helpers/clock.js';

const ROOM = 'r';
const NO_RECALLS = { hasRecalls: () => false, isRecalled: () => false };

/** The seq each stamped batch frame carries, in order. */
function seqs(frames: readonly Uint8Array[]): number[] {
  return frames.map((bytes) => {
    const decoded = decodeServerFrame(bytes);
    if (!decoded.ok || !decoded.frame.batch) throw new Error('not a batch frame');
    return Number(decoded.frame.batch.seq);
  });
}

/**
 * A memory bus whose room subscriptions lag: a published batch is stored at once (history has it)
 * but reaches the hub's subscription only when the test calls `deliver()`, as a slow JetStream
 * consumer would. `afterRead` runs once after each history read, before the hub sees the page.
 */
function laggingBus(scheduler: ReturnType<typeof fakeScheduler>['scheduler'], historyMaxBatches = 100) {
  const inner = new MemoryBus({ historyMaxBatches, historyMaxAgeMs: 3600_000, scheduler });
  const queued: { batch: StoredBatch; to: (batch: StoredBatch) => void }[] = [];
  let reads = 0;
  const hooks: { afterRead: (read: number) => void } = { afterRead: () => undefined };
  const bus: Bus = Object.assign(Object.create(inner) as MemoryBus, {
    subscribe: (room: string, to: (batch: StoredBatch) => void) =>
      inner.subscribe(room, (batch) => queued.push({ batch, to })),
    replay: async (room: string, epoch: string, afterSeq: number) => {
      const page = await inner.replay(room, epoch, afterSeq);
      hooks.afterRead(++reads);
      return page;
    },
  });
  const publish = (count: number) =>
    Promise.all(Array.from({ length: count }, () => inner.publish(ROOM, encodeBatchBody(ROOM, [{ text: 'x' }]), 0)));
  /** Hands every queued batch (or the first `count`) to its subscription. */
  const deliver = (count = queued.length) => {
    for (const { batch, to } of queued.splice(0, count)) to(batch);
  };
  return { bus, inner, publish, deliver, hooks, reads: () => reads };
}

function hub(bus: Bus, scheduler: ReturnType<typeof fakeScheduler>['scheduler'], options = {}) {
  const live: number[] = [];
  const roomHub = new RoomHub(
    bus,
    (frame) => live.push(...seqs([frame])),
    createMetrics('unit', false),
    1 << 20,
    NO_RECALLS,
    // No resume window unless asked: these tests are about reading the bus.
    { maxBatches: 0, maxBytes: 0, ...options },
    scheduler,
  );
  return { roomHub, live };
}

t.test('a viewer that missed batches gets each of them once, in order, then live ones after its head', async (t) => {
  const clock = fakeScheduler();
  const lag = laggingBus(clock.scheduler);
  const { roomHub, live } = hub(lag.bus, clock.scheduler);
  const first = await roomHub.join(ROOM, '', 0);
  t.equal(first.outcome, 'fresh');
  await lag.publish(5);
  lag.deliver();
  t.same(live, [1, 2, 3, 4, 5], 'live batches fanned out once each, in order');

  const resumed = await roomHub.join(ROOM, first.head.epoch, 2);
  t.equal(resumed.outcome, 'resumed');
  t.same(seqs(resumed.replay), [3, 4, 5], 'the missed batches, from the one after its cursor');
  t.same(resumed.head, { epoch: first.head.epoch, seq: 5 }, 'live batches continue after the last replayed');
});

t.test('batches that arrive while the history is read are fetched again, so none is lost or repeated', async (t) => {
  const clock = fakeScheduler();
  const lag = laggingBus(clock.scheduler);
  const { roomHub } = hub(lag.bus, clock.scheduler);
  const { head } = await roomHub.join(ROOM, '', 0);
  await lag.publish(5);
  lag.deliver(3);
  // During the first read two more batches are stored and the subscription catches up with all of them.
  lag.hooks.afterRead = (read) => {
    if (read !== 1) return;
    void lag.publish(2).then(() => lag.deliver());
  };
  const resumed = await roomHub.join(ROOM, head.epoch, 2);
  t.equal(resumed.outcome, 'resumed');
  t.same(seqs(resumed.replay), [3, 4, 5, 6, 7], 'each missed batch once, in seq order');
  t.equal(resumed.head.seq, 7, 'the head is the last batch replayed: seq 8 will come live');
  t.equal(lag.reads(), 2, 'a second read fetched what arrived during the first');
});

t.test('a join waits for a lagging subscription to catch up, but no longer than its deadline', async (t) => {
  const clock = fakeScheduler();
  const lag = laggingBus(clock.scheduler);
  const { roomHub } = hub(lag.bus, clock.scheduler);
  const { head } = await roomHub.join(ROOM, '', 0);
  await lag.publish(4);
  const timersBefore = clock.pending();
  let settled = false;
  const joining = roomHub.join(ROOM, head.epoch, 1).finally(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  clock.tick(1999);
  await new Promise((resolve) => setImmediate(resolve));
  t.notOk(settled, 'still waiting for this node to deliver what history holds');
  clock.tick(1);
  const resumed = await joining;
  t.ok(settled);
  t.equal(resumed.outcome, 'resumed', 'past the deadline it proceeds with what it read');
  t.same(seqs(resumed.replay), [2, 3, 4]);
  t.equal(clock.pending(), timersBefore, 'no deadline timer left behind');
});

t.test('a cursor the history cannot serve is a gap with nothing replayed', async (t) => {
  const clock = fakeScheduler();
  const lag = laggingBus(clock.scheduler, 3);
  const { roomHub } = hub(lag.bus, clock.scheduler);
  const { head } = await roomHub.join(ROOM, '', 0);
  await lag.publish(6);
  lag.deliver();
  const evicted = await roomHub.join(ROOM, head.epoch, 1);
  t.equal(evicted.outcome, 'gap', 'batches 2 and 3 are no longer in history');
  t.same(evicted.replay, []);
  t.equal(evicted.head.seq, 6, 'it continues live after the head');
  const otherEpoch = await roomHub.join(ROOM, 'another-epoch', 5);
  t.equal(otherEpoch.outcome, 'gap', 'a cursor of another epoch');
  t.same(otherEpoch.replay, []);
  const kept = await roomHub.join(ROOM, head.epoch, 4);
  t.same(seqs(kept.replay), [5, 6], 'a cursor still in history resumes');
});

t.test('more missed than maxReplayBytes is a gap, not a flood of old danmaku', async (t) => {
  const clock = fakeScheduler();
  const lag = laggingBus(clock.scheduler);
  const live: number[] = [];
  const roomHub = new RoomHub(
    lag.bus,
    (frame) => live.push(...seqs([frame])),
    createMetrics('unit', false),
    60,
    NO_RECALLS,
    { maxBatches: 0, maxBytes: 0 },
    clock.scheduler,
  );
  const { head } = await roomHub.join(ROOM, '', 0);
  await lag.publish(5);
  lag.deliver();
  const few = await roomHub.join(ROOM, head.epoch, 4);
  t.same(seqs(few.replay), [5], 'one batch fits');
  const many = await roomHub.join(ROOM, head.epoch, 1);
  t.equal(many.outcome, 'gap');
  t.same(many.replay, []);
});
