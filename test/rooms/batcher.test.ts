import t from 'tap';
import { BusUnavailableError, type Position } from '../../src/bus/bus.js';
import { KeyedTokenBuckets } from '../../src/limits/token-bucket.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { ErrorCode, v1 } from '../../src/protocol/codec.js';
import { AmbiguousBatchError, RoomBatcher, type BatchOutcome } from '../../src/rooms/batcher.js';
import { fakeScheduler } from '../helpers/clock.js';

const INTERVAL_MS = 50;

interface Stored {
  readonly room: string;
  readonly texts: (string | null | undefined)[];
  readonly clientMsgIds: string[];
  readonly at: number;
}

/** A batcher on a fake clock whose store records each batch and answers as `answer` says (default: stored, seq 1, 2, ...). */
function setup(
  options: {
    maxItems?: number;
    maxBytes?: number;
    budgetPerSec?: number;
    alignMs?: number;
    alignPhaseMs?: number;
  } = {},
) {
  const clock = fakeScheduler();
  const stored: Stored[] = [];
  let seq = 0;
  const control = {
    answer: (): Promise<Position> => Promise.resolve({ epoch: 'e', seq: ++seq }),
  };
  const budgetPerSec = options.budgetPerSec ?? 10_000;
  const batcher = new RoomBatcher(
    (room, body, _oldestAt, clientMsgIds) => {
      stored.push({
        room,
        texts: v1.Batch.decode(body).items.map((item) => item.text),
        clientMsgIds,
        at: clock.scheduler.now(),
      });
      return control.answer();
    },
    {
      intervalMs: INTERVAL_MS,
      maxItems: options.maxItems ?? 100,
      maxBytes: options.maxBytes ?? 64 * 1024,
      alignMs: options.alignMs ?? 0,
      alignPhaseMs: options.alignPhaseMs ?? 0,
    },
    createMetrics('unit', false),
    new KeyedTokenBuckets(budgetPerSec, budgetPerSec, clock.scheduler, 'room budget'),
    clock.scheduler,
  );
  const answers: BatchOutcome[] = [];
  const add = (room: string, text: string, userId = 'u') => {
    const id = batcher.newId();
    const answered = batcher.add(room, { id, text, userId }, `c-${text}`);
    void answered.then((outcome) => answers.push(outcome));
    return answered;
  };
  return { clock, batcher, stored, answers, add, control };
}

/** Lets settled promises run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

t.test("a quiet room's first comment is stored on the next turn, not a tick later", async (t) => {
  const { clock, stored, add } = setup();
  const answered = add('quiet', 'hello');
  t.same(stored, [], 'nothing stored within the turn that added it');
  clock.tick(0);
  t.same(
    stored.map((s) => [s.room, s.texts, s.clientMsgIds]),
    [['quiet', ['hello'], ['c-hello']]],
  );
  t.equal(stored[0]?.at, 1_000_000, 'no time passed');
  const outcome = await answered;
  t.ok(outcome.ok, 'acked once stored');
  t.equal(outcome.ok && outcome.seq, 1);
});

// Without a phase the boundaries are multiples of alignMs; a sequencer's sit half a period after the
// forwarders' (alignPhaseMs), so comments forwarded at 1,000,000 and arriving a few ms later are
// stored at 1,000,010 with the local ones. The fake clock starts at 1,000,000 ms.
for (const { alignMs, alignPhaseMs, next } of [
  { alignMs: 10, alignPhaseMs: 0, next: 1_000_020 },
  { alignMs: 20, alignPhaseMs: 10, next: 1_000_030 },
]) {
  t.test(
    `with alignMs ${alignMs} (phase ${alignPhaseMs}), quiet rooms' first comments are stored together at the next boundary`,
    async (t) => {
      const { clock, stored, add } = setup({ alignMs, alignPhaseMs });
      clock.tick(3);
      const first = add('a', 'one');
      clock.tick(4);
      void add('b', 'two');
      clock.tick(2);
      t.same(stored, [], 'nothing stored before the boundary');
      clock.tick(1);
      t.same(
        stored.map((s) => [s.room, s.texts, s.at]),
        [
          ['a', ['one'], 1_000_010],
          ['b', ['two'], 1_000_010],
        ],
        'both rooms stored in one turn at 1,000,010, in the order they opened',
      );
      t.ok((await first).ok, 'acked once stored');
      // A later quiet room waits for the next boundary, not alignMs after its comment.
      clock.tick(1);
      void add('c', 'three');
      clock.tick(next - 1_000_012);
      t.equal(stored.length, 2, 'not before the next boundary');
      clock.tick(1);
      t.equal(stored.at(-1)?.at, next, `stored at ${next}`);
    },
  );
}

t.test(
  'with alignMs, busy rooms whose intervals end at different times are stored together at the first boundary after',
  async (t) => {
    const { clock, stored, add } = setup({ alignMs: 20 });
    // Two quiet rooms' first comments: stored at the boundary 1,000,020.
    void add('a', 'a1');
    clock.tick(5);
    void add('b', 'b1');
    clock.tick(15);
    t.same(
      stored.map((s) => [s.room, s.at]),
      [
        ['a', 1_000_020],
        ['b', 1_000_020],
      ],
    );
    // Now busy: their next comments come 3 ms and 17 ms into the interval, whose end (1,000,070) is
    // not a boundary; both wait for 1,000,080, the first boundary after it, and go in one turn.
    clock.tick(3);
    void add('a', 'a2');
    clock.tick(14);
    void add('b', 'b2');
    clock.tick(1_000_079 - 1_000_037);
    t.equal(stored.length, 2, 'neither before the boundary after its interval');
    clock.tick(1);
    t.same(
      stored.slice(2).map((s) => [s.room, s.texts, s.at]),
      [
        ['a', ['a2'], 1_000_080],
        ['b', ['b2'], 1_000_080],
      ],
      'both stored at 1,000,080, at least an interval after their last batch',
    );
  },
);

t.test('a busy room stores at most one batch per interval, with everything that came in it', async (t) => {
  const { clock, stored, add } = setup();
  void add('busy', 'a');
  clock.tick(0);
  clock.tick(10);
  void add('busy', 'b');
  void add('busy', 'c');
  clock.tick(INTERVAL_MS - 11);
  t.equal(stored.length, 1, 'not before an interval since the last batch');
  clock.tick(1);
  t.same(
    stored.map((s) => s.texts),
    [['a'], ['b', 'c']],
    'one batch with both, an interval after the first',
  );
  t.equal((stored[1]?.at ?? 0) - (stored[0]?.at ?? 0), INTERVAL_MS);
  void add('other', 'x');
  clock.tick(0);
  t.same(stored[2]?.texts, ['x'], 'another room has its own tick');
  clock.tick(INTERVAL_MS * 3);
  void add('busy', 'd');
  clock.tick(0);
  t.same(stored[3]?.texts, ['d'], 'a room quiet for an interval goes on the next turn again');
});

t.test('a batch that reaches maxItems or maxBytes is stored at once', async (t) => {
  const byItems = setup({ maxItems: 3 });
  for (const text of ['1', '2', '3']) void byItems.add('r', text);
  t.same(
    byItems.stored.map((s) => s.texts),
    [['1', '2', '3']],
    'stored within the turn',
  );
  const byBytes = setup({ maxBytes: 200 });
  void byBytes.add('r', 'x'.repeat(30));
  t.equal(byBytes.stored.length, 0, 'under the byte limit: waits for its turn');
  void byBytes.add('r', 'y'.repeat(30));
  t.equal(byBytes.stored.length, 1, 'over it (3 bytes a UTF-16 unit plus 64 each): stored at once');
  void byBytes.add('r', 'z');
  byBytes.clock.tick(INTERVAL_MS - 1);
  t.equal(byBytes.stored.length, 1, 'the next batch waits an interval from that one (its old tick was cancelled)');
  byBytes.clock.tick(1);
  t.same(byBytes.stored[1]?.texts, ['z']);
});

t.test('the room budget keeps a fair sample and answers the rest OVERLOADED, never silence', async (t) => {
  const { clock, stored, answers, add } = setup({ budgetPerSec: 4 });
  // A flooder posts 8, two others one each.
  for (let i = 0; i < 8; i++) void add('hot', String(i), 'flooder');
  void add('hot', '8', 'u1');
  void add('hot', '9', 'u2');
  clock.tick(0);
  await settle();
  t.equal(stored[0]?.texts.length, 4, 'the budget of the room');
  t.equal(answers.length, 10, 'every comment answered');
  t.equal(answers.filter((a) => a.ok).length, 4);
  t.same(
    answers.filter((a) => !a.ok).map((a) => !a.ok && a.code),
    Array(6).fill(ErrorCode.OVERLOADED),
  );
  t.same(stored[0]?.texts, ['0', '1', '8', '9'], 'round-robin over users: the flooder cannot crowd out the others');
  clock.tick(1000);
  void add('hot', 'later');
  clock.tick(0);
  t.same(stored[1]?.texts, ['later'], 'the budget refills with time');
});

t.test('a failed store answers every item of the batch with a code a client can act on', async (t) => {
  const { clock, answers, add, control } = setup();
  control.answer = () => Promise.reject(new BusUnavailableError('bus down'));
  void add('r', 'a');
  void add('r', 'b');
  clock.tick(0);
  await settle();
  t.same(
    answers.map((a) => !a.ok && a.code),
    [ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE],
    'the bus is down: retry later',
  );

  control.answer = () => Promise.reject(new Error('bug'));
  void add('s', 'c');
  clock.tick(0);
  await settle();
  t.equal(!answers[2]?.ok && answers[2]?.code, ErrorCode.INTERNAL, 'anything else: INTERNAL');

  let again = 0;
  control.answer = () =>
    Promise.reject(new AmbiguousBatchError(new Error('ack lost'), () => Promise.resolve({ epoch: 'e', seq: ++again })));
  void add('u', 'd');
  clock.tick(0);
  await settle();
  const ambiguous = answers[3];
  t.ok(ambiguous && !ambiguous.ok && ambiguous.again, 'an ambiguous store hands back the way to settle it');
  t.same(await ambiguous?.again?.(), { epoch: 'e', seq: 1 });
});

t.test('every comment of a batch is acked with the seq of the batch and its own id', async (t) => {
  const { clock, answers, add, batcher } = setup();
  void add('r', 'a');
  void add('r', 'b');
  clock.tick(0);
  await settle();
  t.same(
    answers.map((a) => a.ok && a.seq),
    [1, 1],
  );
  const ids = answers.map((a) => a.ok && a.id);
  t.equal(new Set(ids).size, 2, 'each its own id');
  t.notOk(ids.includes(batcher.newId()), 'ids are not reused');
});

t.test('flushAll stores what is pending at once and waits for the stores', async (t) => {
  const { stored, answers, add, batcher } = setup();
  void add('r', 'a');
  void add('s', 'b');
  await batcher.flushAll();
  t.equal(stored.length, 2, 'no tick needed');
  await settle();
  t.equal(answers.length, 2, 'both answered by the time flushAll resolved');
});

t.test(
  'a store that throws at once answers its comments INTERNAL, and the other quiet rooms of that turn still store',
  async (t) => {
    const { clock, batcher, stored, add, control } = setup();
    const answer = control.answer;
    control.answer = () => {
      if (stored.length === 1) throw new Error('fault below the store');
      return answer();
    };
    const broken = add('first', 'lost?');
    const other = add('second', 'fine');
    clock.tick(0);
    const outcome = await broken;
    t.same(
      outcome.ok ? 'ok' : outcome.code,
      ErrorCode.INTERNAL,
      'the comment whose store threw is answered, not left pending',
    );
    t.equal((await other).ok, true, "the next room's batch of the same turn is stored");
    t.same(
      stored.map((s) => s.room),
      ['first', 'second'],
    );
    // A drain that waited on the batch whose store threw would never resolve: bounded by a real timer.
    let timer: NodeJS.Timeout | undefined;
    const drain = await Promise.race([
      batcher.flushAll().then(() => 'drained'),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still waiting after 2 s'), 2000))),
    ]);
    clearTimeout(timer);
    t.equal(drain, 'drained', 'drain does not wait on the batch whose store threw');
  },
);
