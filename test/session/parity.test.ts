import t from 'tap';
import type { ClientFrameProps, ServerFrame } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { poll } from '../helpers/poll.js';

// The WebSocket and the long-poll transport share one session protocol: the same frames, sent on a
// fresh connection (one socket, or one /poll body), get the same answers. What may differ is only
// what belongs to a transport: a WebSocket is welcomed when it opens and a poll when it says hello
// (each with its own session id and time); and a poll's join is a cursor it sends again with every
// request, so a resumed one is answered by its replay alone, without `joined{resumed}`.

interface Scenario {
  readonly name: string;
  /** Frames for each transport: the same, except where a user id keeps the two apart. */
  readonly frames: (transport: 'ws' | 'lp') => ClientFrameProps[];
  readonly token?: (transport: 'ws' | 'lp') => string;
  /** Its join resumes: the WebSocket answers `joined{resumed}` after the replay, the poll does not. */
  readonly resumes?: true;
}

/**
 * The frames as plain data, in a canonical order. Their order on the wire is timing: a WebSocket's
 * frames arrive one by one (a join may be answered before the next frame is read), a poll's body
 * is handled in one go (a join refused at once is answered before one still in flight). The order
 * within a room's joins and leaves is the same on both; test/session/membership.test.ts checks it.
 */
function canonical(frames: readonly ServerFrame[]): string[] {
  return frames.map((f) => JSON.stringify(comparable(f))).sort();
}

/** A frame as plain data, with what differs between any two connections (ids, clocks, seqs) reduced to its presence. */
function comparable(frame: ServerFrame): unknown {
  const plain = JSON.parse(JSON.stringify(frame)) as Record<string, Record<string, unknown>>;
  const clear = (kind: string, field: string) => {
    const body = plain[kind];
    if (body !== undefined) body[field] = body[field] !== undefined && body[field] !== '' && body[field] !== 0;
  };
  clear('welcome', 'sessionId');
  clear('welcome', 'serverTimeMs');
  clear('pong', 'serverTimeMs');
  clear('ack', 'seq');
  clear('ack', 'id');
  return plain;
}

// The clientTimeMs of the ping that marks the end of a socket's answers.
const SENTINEL = 987_654_321;

/** Sends the frames on a fresh socket; resolves with its welcome and every frame after it, up to `count`. */
async function overWebSocket(
  wsUrl: string,
  frames: readonly ClientFrameProps[],
  count: number,
  tokenValue: string | undefined,
): Promise<{ welcome: ServerFrame; answers: ServerFrame[] }> {
  const socket = await TestClient.connect(wsUrl, tokenValue === undefined ? {} : { token: tokenValue });
  try {
    const welcome = await socket.next((f) => f.kind === 'welcome');
    for (const frame of frames) socket.send(frame);
    // A presence frame (the room's live viewer count) is a broadcast to a room's WebSocket viewers, not an answer.
    const answer = (f: ServerFrame) => f.kind !== 'presence';
    for (let i = 0; i < count; i++) await socket.next(answer, 10_000, `answer ${i + 1} of ${count}`);
    // Whatever else the socket was going to answer comes before the answer to a ping sent now.
    socket.send({ ping: { clientTimeMs: SENTINEL } });
    const sentinel = await socket.nextKind('pong', (p) => Number(p.clientTimeMs) === SENTINEL);
    const answers = socket.frames
      .slice(
        1,
        socket.frames.findIndex((f) => f.pong === sentinel),
      )
      .filter(answer);
    return { welcome, answers };
  } finally {
    await socket.close();
  }
}

t.test('the same frames get the same answers over WebSocket and long-poll', async (t) => {
  const maxRoomIdChars = 100;
  const node = await startTestNode({
    MAX_ROOM_ID_CHARS: String(maxRoomIdChars),
    MAX_ROOMS_PER_CONNECTION: '1',
    JOIN_RATE_PER_CONNECTION: '1',
    MAX_COMMENT_CHARS: '20',
  });
  t.teardown(() => node.drain());
  // A room with history, kept open by a viewer so its epoch and head stay put between the two runs.
  const keeper = await TestClient.connect(node.wsUrl);
  t.teardown(() => keeper.close());
  await keeper.join('parity');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'seed' }) });
  t.teardown(() => poster.close());
  const seqs: number[] = [];
  for (let i = 0; i < 3; i++) {
    poster.send({ comment: { room: 'parity', clientMsgId: `seed-${i}`, text: `seed ${i}` } });
    seqs.push(Number((await poster.nextKind('ack', (a) => a.clientMsgId === `seed-${i}`)).seq));
  }
  const epoch = (await keeper.nextKind('batch', (b) => Number(b.seq) === seqs[2])).epoch ?? '';
  // One expiry for every token: each transport's welcome states it, and tokens signed a second apart would differ.
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const user = (transport: string) => token({ sub: `user-${transport}`, name: 'same name', exp });
  const same = (frames: ClientFrameProps[]) => () => frames;

  const scenarios: Scenario[] = [
    {
      name: 'hello',
      frames: same([{ hello: { platform: 'web', sdkVersion: '1.0.0', reconnectAttempt: 1 } }]),
      token: () => token({ sub: 'greeter', exp }),
    },
    { name: 'join fresh', frames: same([{ join: { room: 'parity' } }]) },
    {
      name: 'join resume with a cursor',
      frames: same([{ join: { room: 'parity', epoch, lastSeq: seqs[0] } }]),
      resumes: true,
    },
    {
      name: 'join with a cursor of another epoch: gap',
      frames: same([{ join: { room: 'parity', epoch: 'x', lastSeq: 1 } }]),
    },
    { name: 'bad room id', frames: same([{ join: { room: 'no spaces, please' } }]) },
    {
      name: 'comment accepted',
      frames: same([{ comment: { room: 'parity-c', clientMsgId: 'c-1', text: 'hello there' } }]),
      token: user,
    },
    {
      name: 'comments refused: too long, empty',
      frames: same([
        { comment: { room: 'parity-c', clientMsgId: 'c-2', text: 'x'.repeat(21) } },
        { comment: { room: 'parity-c', clientMsgId: 'c-3', text: '   ' } },
      ]),
      token: user,
    },
    {
      name: 'comment without a token',
      frames: same([{ comment: { room: 'parity-c', clientMsgId: 'c-4', text: 'anonymous' } }]),
    },
    { name: 'ping', frames: same([{ ping: { clientTimeMs: 42 } }]) },
    {
      name: 'leave, then leave a room not joined',
      frames: same([{ join: { room: 'parity' } }, { leave: { room: 'parity' } }, { leave: { room: 'parity' } }]),
    },
    { name: 'too many rooms', frames: same([{ join: { room: 'parity' } }, { join: { room: 'parity-2' } }]) },
    {
      name: 'joins over the rate',
      frames: same([
        { join: { room: 'parity' } },
        { leave: { room: 'parity' } },
        { join: { room: 'parity' } },
        { leave: { room: 'parity' } },
        { join: { room: 'parity' } },
      ]),
    },
  ];

  for (const scenario of scenarios) {
    const polled = await poll(node.url, scenario.frames('lp'), { token: scenario.token?.('lp') });
    const expected = polled.filter((f) => f.kind !== 'welcome');
    const { welcome, answers } = await overWebSocket(
      node.wsUrl,
      scenario.frames('ws'),
      expected.length,
      scenario.token?.('ws'),
    );
    const resumed = scenario.resumes ? answers.filter((f) => f.kind === 'joined' && f.joined?.resumed === true) : [];
    t.same(
      canonical(answers.filter((f) => !resumed.includes(f))),
      canonical(expected),
      `${scenario.name}: the same answers`,
    );
    const polledWelcome = polled.find((f) => f.kind === 'welcome');
    if (polledWelcome !== undefined)
      t.same(comparable(polledWelcome), comparable(welcome), `${scenario.name}: the same welcome`);
    if (scenario.resumes) {
      t.equal(resumed.length, 1, 'the WebSocket says joined{resumed} after the replay');
      t.equal(expected.filter((f) => f.kind === 'batch').length, 2, 'both replay the two batches after the cursor');
    }
  }

  // A few answers spelled out, so that two transports agreeing on a wrong answer cannot pass.
  const [bad] = await poll(node.url, [{ join: { room: 'no spaces, please' } }]);
  t.equal(
    bad?.error?.message,
    `join: room id must be 1-${maxRoomIdChars} characters of A-Z a-z 0-9 _ . : -`,
    'the room-id rule names MAX_ROOM_ID_CHARS',
  );
  const rated = await poll(node.url, scenarios.at(-1)?.frames('lp') ?? []);
  t.same(
    rated.map((f) => f.kind),
    ['error', 'joined', 'left', 'joined', 'left'],
    'the third join in a burst of two is refused at once; the others are answered in order',
  );
  const tooMany = await poll(node.url, [{ join: { room: 'parity' } }, { join: { room: 'parity-2' } }]);
  t.same(
    tooMany.map((f) => f.error?.code ?? f.kind),
    [10, 'joined'],
    'the second room is refused TOO_MANY_ROOMS',
  );
});
