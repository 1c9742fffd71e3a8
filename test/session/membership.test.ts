import fc from 'fast-check';
import t from 'tap';
import { ErrorCode, type ClientFrameProps, type ServerFrame } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { NatsServer } from '../helpers/nats.js';
import { startTestNode, token } from '../helpers/node.js';
import { poll } from '../helpers/poll.js';
import { waitFor } from '../helpers/wait.js';

// Issue 12: on the NATS bus, join→leave→join (or join→join) sent back to back answered `left` and
// error{UNAVAILABLE}, never `joined`, and the socket never received the room again. Any sequence
// of joins and leaves of one room on one connection must end in the state of the last frame, with
// every frame answered in order. Checked over both transports on both buses.

type Op = 'join' | 'leave';

/** The named sequences of the issue, then fast-check's random ones. */
const EXAMPLES: Op[][] = [
  ['join', 'leave', 'join'],
  ['join', 'join'],
  ['join', 'leave'],
  ['join', 'join', 'leave'],
];
const RUNS = 25;

/** What the protocol promises for one room's sequence: one answer per frame, in order, and the state of the last. */
function model(ops: readonly Op[]): { answers: string[]; joined: boolean } {
  let joined = false;
  const answers = ops.map((op) => {
    if (op === 'join') {
      joined = true;
      return 'joined';
    }
    const answer = joined ? 'left' : 'NOT_JOINED';
    joined = false;
    return answer;
  });
  return { answers, joined };
}

/** The answer a frame gives to a join or leave, or undefined for any other frame. */
function answerOf(frame: ServerFrame): string | undefined {
  if (frame.kind === 'joined' || frame.kind === 'left') return frame.kind;
  if (frame.kind === 'error') return ErrorCode[frame.error?.code ?? 0] ?? 'UNKNOWN';
  return undefined;
}

function frameOf(op: Op, room: string): ClientFrameProps {
  return op === 'join' ? { join: { room } } : { leave: { room } };
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

interface Target {
  readonly url: string;
  readonly wsUrl: string;
  readonly viewers: () => Promise<number>;
}

/** Sends the sequence back to back on a fresh socket; checks its answers and its state after the last frame. */
async function overWebSocket(target: Target, poster: TestClient, ops: readonly Op[], room: string): Promise<void> {
  const want = model(ops);
  const socket = await TestClient.connect(target.wsUrl);
  try {
    for (const op of ops) socket.send(frameOf(op, room));
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < ops.length; i++)
      answers.push(answerOf(await socket.next((f) => answerOf(f) !== undefined, 15_000, `answer ${i + 1}`)));
    same(answers, want.answers, `answers to ${ops.join(' ')}`);
    // The state after the last frame: the room's next batch reaches the socket exactly when it ended joined.
    const witness = await TestClient.connect(target.wsUrl);
    try {
      const joined = await witness.join(room);
      same(joined.viewers, want.joined ? 2 : 1, `viewers of the room after ${ops.join(' ')} (hub references)`);
      poster.send({ comment: { room, clientMsgId: room, text: room } });
      await poster.nextKind('ack', (a) => a.clientMsgId === room);
      await witness.nextKind('batch', (b) => b.room === room, 15_000);
      // uWS publishes a batch to every subscriber at once: a batch for this socket is ahead of the pong.
      socket.send({ ping: { clientTimeMs: 7 } });
      await socket.nextKind('pong');
      same(socket.batchSeqs(room).length > 0, want.joined, `receives the room after ${ops.join(' ')}`);
      same(socket.frames.filter((f) => answerOf(f) !== undefined).length, ops.length, 'one answer per frame');
    } finally {
      await witness.close();
    }
  } finally {
    await socket.close();
  }
}

/** Sends the sequence in one /poll body; checks its answers. */
async function overLongPoll(target: Target, ops: readonly Op[], room: string): Promise<void> {
  const frames = await poll(
    target.url,
    ops.map((op) => frameOf(op, room)),
  );
  same(
    frames.map(answerOf).filter((a) => a !== undefined),
    model(ops).answers,
    `answers to ${ops.join(' ')} over /poll`,
  );
}

async function untilNoViewers(target: Target): Promise<number> {
  let viewers = await target.viewers();
  await waitFor('the room to have no viewers', async () => (viewers = await target.viewers()) === 0, {
    timeoutMs: 10_000,
  }).catch(() => undefined);
  return viewers;
}

const sequences = fc.array(fc.constantFrom<Op>('join', 'leave'), { minLength: 1, maxLength: 6 });

for (const bus of ['memory', 'nats'] as const) {
  t.test(`${bus} bus: every join and leave is answered in order, and the last one wins`, async (t) => {
    let env: Record<string, string> = {};
    if (bus === 'nats') {
      const nats = await NatsServer.start();
      t.teardown(() => nats.stop());
      env = { NATS_URL: nats.url };
    }
    const node = await startTestNode({
      ...env,
      JOIN_RATE_PER_CONNECTION: '10000',
      COMMENT_RATE_PER_SEC: '100000',
      COMMENT_BURST: '100000',
    });
    t.teardown(() => node.drain());
    const target: Target = {
      url: node.url,
      wsUrl: node.wsUrl,
      viewers: async () => (await node.metrics.viewers.get()).values.reduce((sum, v) => sum + v.value, 0),
    };
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
    t.teardown(() => poster.close());
    let rooms = 0;
    const examples = EXAMPLES.map((ops): [Op[]] => [ops]);

    await fc.assert(
      fc.asyncProperty(sequences, (ops) => overWebSocket(target, poster, ops, `ws-${bus}-${++rooms}`)),
      { numRuns: RUNS, examples },
    );
    t.ok(rooms >= RUNS, `WebSocket: ${rooms} sequences, each ending in the state of its last frame`);
    const afterWebSocket = rooms;
    await fc.assert(
      fc.asyncProperty(sequences, (ops) => overLongPoll(target, ops, `lp-${bus}-${++rooms}`)),
      { numRuns: RUNS, examples },
    );
    t.ok(
      rooms - afterWebSocket >= RUNS,
      `long-poll: ${rooms - afterWebSocket} sequences, each ending in the state of its last frame`,
    );
    t.equal(await untilNoViewers(target), 0, 'every hub reference was released once the sockets closed');
  });
}
