import t, { type Test } from 'tap';
import { BusUnavailableError, type Position, type PublishOptions } from '../../src/bus/bus.js';
import { MemoryBus } from '../../src/bus/memory.js';
import { Sequencer } from '../../src/rooms/sequencer.js';
import { fakeScheduler } from '../helpers/clock.js';

/** A publish the test holds: the memory bus stores it only once `release` is called. */
interface Held {
  readonly room: string;
  readonly prevSeq: number;
  release(): void;
}

/**
 * The memory bus with publishes held until the test releases them, and faults on demand (a throw
 * at once, or a rejection), so a room's writes can be seen overlapping or not.
 */
class HeldBus extends MemoryBus {
  readonly held: Held[] = [];
  heads = 0;
  fault: 'throw' | 'reject' | undefined;

  override publish(room: string, body: Uint8Array, oldestAt: number, options?: PublishOptions): Promise<Position> {
    const fault = this.fault;
    this.fault = undefined;
    if (fault === 'throw') throw new Error('bus fault');
    if (fault === 'reject') return Promise.reject(new BusUnavailableError('bus down'));
    return new Promise((resolve, reject) =>
      this.held.push({
        room,
        prevSeq: options?.prevSeq ?? -1,
        release: () => void super.publish(room, body, oldestAt).then(resolve, reject),
      }),
    );
  }

  override head(room: string): Promise<Position> {
    this.heads++;
    return super.head(room);
  }
}

function setup(t: Test) {
  const { scheduler } = fakeScheduler();
  const bus = new HeldBus({ historyMaxBatches: 100, historyMaxAgeMs: 3600_000, scheduler });
  const sequencer = new Sequencer(bus, undefined, { dedupWindowMs: 60_000, slowModeMs: () => 0 }, scheduler);
  t.teardown(async () => {
    sequencer.close();
    await bus.close();
  });
  const store = (room: string) => sequencer.store(room, new Uint8Array([1]), 0, ['c']);
  return { bus, store };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

t.test("a room's writes go one at a time, each expecting the seq the one before it left", async (t) => {
  const { bus, store } = setup(t);
  const writes = [store('r'), store('r'), store('r'), store('other')];
  await turns();
  t.same(
    bus.held.map((h) => h.room),
    ['r', 'other'],
    'one write in flight per room; another room does not wait',
  );
  for (let i = 0; i < 3; i++) {
    const inFlight = bus.held.filter((h) => h.room === 'r');
    t.equal(inFlight.length, 1, `write ${i + 1}: still one at a time`);
    t.equal(inFlight[0]?.prevSeq, i, `write ${i + 1} expects seq ${i}`);
    bus.held.splice(bus.held.indexOf(inFlight[0] as Held), 1);
    inFlight[0]?.release();
    await turns();
  }
  bus.held.forEach((h) => h.release());
  t.same(
    (await Promise.all(writes)).map((p) => p.seq),
    [1, 2, 3, 1],
  );
});

for (const fault of ['throw', 'reject'] as const)
  t.test(
    `a write whose publish ${fault}s fails alone: the room's next write stores, expecting the head read afresh`,
    async (t) => {
      const { bus, store } = setup(t);
      const first = store('r');
      await turns();
      bus.held.splice(0).forEach((h) => h.release());
      t.equal((await first).seq, 1);
      const heads = bus.heads;
      bus.fault = fault;
      const failing = store('r');
      const next = store('r');
      await t.rejects(
        failing,
        fault === 'throw' ? { message: 'bus fault' } : BusUnavailableError,
        'its caller sees the failure',
      );
      await turns();
      t.equal(bus.held.length, 1, 'the next write started');
      t.equal(bus.held[0]?.prevSeq, 1, 'expecting the head as stored');
      t.equal(bus.heads, heads + 1, 'read afresh after the failure');
      bus.held.splice(0).forEach((h) => h.release());
      t.equal((await next).seq, 2);
    },
  );
