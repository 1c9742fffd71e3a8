import type { Test } from 'tap';
import { BusUnavailableError, type Bus, type Signal, type StoredBatch } from '../../src/bus/bus.js';

export interface BusFactoryOptions {
  readonly historyMaxBatches: number;
}

/** Makes a fresh bus with its own empty history; the suite closes it. */
export type BusFactory = (options: BusFactoryOptions) => Promise<Bus>;

const body = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Records a subscription's deliveries and lets a test wait until it holds n of them. */
class Deliveries {
  readonly batches: StoredBatch[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  readonly deliver = (batch: StoredBatch): void => {
    this.batches.push(batch);
    this.waiters = this.waiters.filter((w) => (this.batches.length >= w.n ? (w.resolve(), false) : true));
  };

  until(n: number, timeoutMs = 5000): Promise<void> {
    if (this.batches.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.batches.length} of ${n} batches delivered`)),
        timeoutMs,
      );
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  get texts(): string[] {
    return this.batches.map((b) => text(b.body));
  }
}

async function open(t: Test, make: BusFactory, historyMaxBatches = 1000): Promise<Bus> {
  const bus = await make({ historyMaxBatches });
  t.teardown(() => bus.close());
  return bus;
}

async function publishAll(bus: Bus, room: string, texts: readonly string[]): Promise<number[]> {
  const seqs: number[] = [];
  for (const t of texts) seqs.push((await bus.publish(room, body(t), Date.now())).seq);
  return seqs;
}

/** The single-node semantics every bus must keep; run against each implementation. */
export function busContract(t: Test, make: BusFactory): void {
  t.test('publish: seq strictly increases within a room, head is the last batch', async (t) => {
    const bus = await open(t, make);
    t.equal((await bus.head('r1')).seq, 0, 'an empty room is at seq 0');
    const seqs = await publishAll(bus, 'r1', ['a', 'b']);
    await bus.publish('other', body('x'), Date.now());
    seqs.push(...(await publishAll(bus, 'r1', ['c', 'd'])));
    for (let i = 1; i < seqs.length; i++)
      t.ok((seqs[i] as number) > (seqs[i - 1] as number), `seq ${seqs[i]} follows ${seqs[i - 1]}`);
    const head = await bus.head('r1');
    t.equal(head.seq, seqs[3]);
    t.equal(
      head.epoch,
      (await bus.publish('r1', body('e'), Date.now())).epoch,
      'publish and head report the same epoch',
    );
  });

  t.test('subscribe: every batch after ready, once, in seq order, bytes as published', async (t) => {
    const bus = await open(t, make);
    await publishAll(bus, 'live', ['before-1', 'before-2']);
    const first = new Deliveries();
    const second = new Deliveries();
    const subA = bus.subscribe('live', first.deliver);
    const subB = bus.subscribe('live', second.deliver);
    t.teardown(() => (subA.close(), subB.close()));
    const ready = await subA.ready;
    t.equal(ready.seq, (await bus.head('live')).seq, 'ready is the head at subscription');
    await subB.ready;
    const texts = Array.from({ length: 20 }, (_, i) => `live-${i}`);
    const positions = await Promise.all(texts.map((x) => bus.publish('live', body(x), 1234)));
    await bus.publish('elsewhere', body('not for this room'), Date.now());
    const seqs = positions.map((p) => p.seq);
    t.same(
      [...seqs].sort((a, b) => a - b),
      seqs,
      'concurrent publishes are stored in the order they were issued',
    );
    // A marker published last: once it arrives nothing before it can still be on its way.
    const marker = await bus.publish('live', body('marker'), Date.now());
    for (const got of [first, second]) {
      await got.until(21);
      t.same(got.texts, [...texts, 'marker'], 'every batch after ready, nothing before it, nothing twice');
      t.same(
        got.batches.map((b) => b.seq),
        [...seqs, marker.seq],
      );
      t.ok(got.batches.every((b) => b.room === 'live' && b.epoch === ready.epoch));
      t.equal(got.batches[0]?.oldestAt, 1234, 'oldestAt travels with the batch');
    }
  });

  t.test('subscribe: a closed subscription receives nothing more', async (t) => {
    const bus = await open(t, make);
    const closedOne = new Deliveries();
    const open1 = new Deliveries();
    const subClosed = bus.subscribe('quiet', closedOne.deliver);
    const subOpen = bus.subscribe('quiet', open1.deliver);
    t.teardown(() => subOpen.close());
    await Promise.all([subClosed.ready, subOpen.ready]);
    await bus.publish('quiet', body('one'), Date.now());
    await closedOne.until(1);
    subClosed.close();
    await bus.publish('quiet', body('two'), Date.now());
    await open1.until(2);
    t.same(closedOne.texts, ['one']);
  });

  t.test('replay: complete after a cursor in history, gap otherwise', async (t) => {
    const bus = await open(t, make);
    const seqs = await publishAll(bus, 'hist', ['h1', 'h2', 'h3', 'h4']);
    await bus.publish('noise', body('n'), Date.now());
    const head = await bus.head('hist');
    const replay = await bus.replay('hist', head.epoch, seqs[1] as number);
    t.ok(replay.complete, 'cursor inside history: complete');
    if (replay.complete) {
      t.same(
        replay.batches.map((b) => text(b.body)),
        ['h3', 'h4'],
        'exactly the batches after the cursor, of this room only',
      );
      t.same(replay.head, head);
    }
    const anyEpoch = await bus.replay('hist', '', seqs[2] as number);
    t.same(
      anyEpoch.complete && anyEpoch.batches.map((b) => text(b.body)),
      ['h4'],
      'an empty epoch means "the current one"',
    );
    const atHead = await bus.replay('hist', head.epoch, head.seq);
    t.same(atHead.complete && atHead.batches, [], 'at the head: complete and empty');
    t.notOk((await bus.replay('hist', `${head.epoch}x`, seqs[1] as number)).complete, 'another epoch: gap');
    const beyond = await bus.replay('hist', head.epoch, head.seq + 1000);
    t.notOk(beyond.complete, 'a cursor beyond the head: gap, never a silent fresh start');
    t.same(beyond.head, head, 'a gap still says where the room is');
    const empty = await bus.replay('never-posted', '', 0);
    t.same(empty.complete && empty.batches, [], 'an empty room from 0: complete and empty');
  });

  t.test('a cursor at seq 0 is a cursor: it resumes while the room still holds its first batch', async (t) => {
    const bus = await open(t, make, 5);
    const empty = await bus.head('zero');
    t.equal(empty.seq, 0, 'the room is empty');
    const seqs = await publishAll(bus, 'zero', ['z1', 'z2']);
    const replay = await bus.replay('zero', empty.epoch, 0);
    t.ok(replay.complete, '(epoch, 0) after the first batches: complete');
    t.same(replay.complete && replay.batches.map((b) => b.seq), seqs, 'every batch since the room was empty');
    await publishAll(bus, 'zero', ['z3', 'z4', 'z5', 'z6']);
    t.notOk((await bus.replay('zero', empty.epoch, 0)).complete, 'once the first batch is evicted: gap');
    t.notOk((await bus.replay('zero', `${empty.epoch}x`, 0)).complete, 'seq 0 of another epoch: gap');
  });

  t.test("replay: a long history comes back whole, in order, without other rooms' batches", async (t) => {
    const bus = await open(t, make);
    const texts = Array.from({ length: 60 }, (_, i) => `long-${i}`);
    const seqs: number[] = [];
    for (const x of texts) {
      seqs.push((await bus.publish('long', body(x), Date.now())).seq);
      await bus.publish('interleaved', body(`other-${x}`), Date.now());
    }
    const replay = await bus.replay('long', '', seqs[0] as number);
    t.ok(replay.complete);
    t.same(replay.complete && replay.batches.map((b) => text(b.body)), texts.slice(1));
    t.same(replay.complete && replay.batches.map((b) => b.seq), seqs.slice(1));
  });

  t.test('history is bounded by count per room; a cursor before it is a gap', async (t) => {
    const bus = await open(t, make, 5);
    const seqs = await publishAll(bus, 'bounded', ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8']);
    await publishAll(bus, 'neighbour', ['x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    const epoch = (await bus.head('bounded')).epoch;
    const kept = await bus.replay('bounded', epoch, seqs[3] as number);
    t.same(
      kept.complete && kept.batches.map((b) => text(b.body)),
      ['b5', 'b6', 'b7', 'b8'],
      'the newest five are kept',
    );
    // At the very edge (cursor b3, newest evicted) memory still knows nothing after it was lost, while
    // NATS can only vouch for a cursor it still stores: both are allowed, so the edge is not asserted.
    t.notOk(
      (await bus.replay('bounded', epoch, seqs[1] as number)).complete,
      'batches after the cursor were evicted: gap',
    );
    t.notOk((await bus.replay('bounded', epoch, seqs[0] as number)).complete, 'far behind: gap');
  });

  t.test('signals reach every listener, the sender included', async (t) => {
    const bus = await open(t, make);
    const received = (n: number) =>
      new Promise<Signal>((resolve) =>
        bus.onSignal((m) => {
          if (m.type === 'test' && m.n === n) resolve(m);
        }),
      );
    const both = Promise.all([received(7), received(7)]);
    await bus.signal({ type: 'test', n: 7, room: 'r' });
    const [a, b] = await both;
    t.same(a, { type: 'test', n: 7, room: 'r' });
    t.same(b, a);
  });

  t.test(
    'publish on a closed bus rejects with BusUnavailableError (comments answered UNAVAILABLE, not INTERNAL)',
    async (t) => {
      const bus = await make({ historyMaxBatches: 10 });
      await bus.close();
      await t.rejects(bus.publish('r', body('late'), Date.now()), BusUnavailableError);
    },
  );
}
