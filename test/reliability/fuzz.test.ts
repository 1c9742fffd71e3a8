import t from 'tap';
import fc from 'fast-check';
import { decodeClientFrame, encodeClientFrame, type ClientFrameProps } from '../../src/protocol/codec.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';

const validFrames: ClientFrameProps[] = [
  {
    hello: {
      token: 'x.y.z',
      platform: 'web',
      sdkVersion: '1',
      reconnectAttempt: 2,
      cursors: [{ room: 'r', epoch: 'e', lastSeq: 9 }],
    },
  },
  { join: { room: 'fuzz-room', epoch: 'e', lastSeq: 3 } },
  { leave: { room: 'fuzz-room' } },
  { comment: { room: 'fuzz-room', clientMsgId: 'm', text: '弹幕 hello', color: 0xffffff, mode: 1 } },
  { ping: { clientTimeMs: 1_700_000_000_000 } },
  {
    report: { events: [{ kind: 4, atMs: 1, attempt: 3, durationMs: 1200, code: 1006, reason: 'net', platform: 'wx' }] },
  },
];
const encoded = validFrames.map((f) => encodeClientFrame(f));

/** Random bytes, and valid frames with bytes flipped, cut short, or extended with junk. */
const frameBytes = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc
    .tuple(
      fc.constantFrom(...encoded),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    )
    .map(([frame, flips]) => {
      const out = Uint8Array.from(frame);
      for (const [at, value] of flips) out[at % out.length] = value;
      return out;
    }),
  fc.tuple(fc.constantFrom(...encoded), fc.nat()).map(([frame, cut]) => frame.subarray(0, cut % frame.length)),
  fc
    .tuple(fc.constantFrom(...encoded), fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([frame, junk]) => Uint8Array.from([...frame, ...junk])),
);

t.test('the decoder turns any bytes into a frame or a typed error, never a throw', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(frameBytes, (bytes) => {
        const decoded = decodeClientFrame(bytes);
        return decoded.ok
          ? typeof decoded.frame.kind === 'string'
          : typeof decoded.error === 'string' && decoded.error.length > 0;
      }),
      { numRuns: 20_000, seed: 20261125 },
    ),
  );
});

t.test('10,000 random and mutated frames against a live node: it stays up and neighbours miss nothing', async (t) => {
  const node = await startTestNode({
    MAX_BAD_FRAMES: '1000',
    COMMENT_RATE_PER_SEC: '100000',
    COMMENT_BURST: '100000',
    ROOM_RATE_PER_SEC: '100000',
    JOIN_RATE_PER_CONNECTION: '10000',
  });
  t.teardown(() => node.drain());
  const viewer = await TestClient.connect(node.wsUrl);
  await viewer.join('calm');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'steady' }) });
  const documented = new Set<number>([CloseCode.POLICY, CloseCode.TOO_BIG, CloseCode.UNAUTHENTICATED, 1005]);
  const samples = fc.sample(frameBytes, { numRuns: 10_000, seed: 7 });
  let posted = 0;
  let answered = 0;
  let reconnects = 0;
  const abusers = 5;
  await Promise.all(
    Array.from({ length: abusers }, async (_, a) => {
      let client = await TestClient.connect(node.wsUrl, { token: token({ sub: `fuzzer-${a}` }) });
      for (let i = a; i < samples.length; i += abusers) {
        if (client.ws.readyState !== client.ws.OPEN) {
          const closed = await client.closed;
          t.ok(documented.has(closed.code), `abuser closed with a documented code (${closed.code})`);
          answered += client.frames.length;
          client = await TestClient.connect(node.wsUrl, { token: token({ sub: `fuzzer-${a}` }) });
          reconnects++;
        }
        client.ws.send(samples[i] as Uint8Array);
        if (i % 50 === a) {
          poster.send({ comment: { room: 'calm', clientMsgId: `calm-${posted}`, text: `calm ${posted}` } });
          posted++;
          await new Promise((r) => setImmediate(r));
        }
      }
      await client.close();
      answered += client.frames.length;
    }),
  );
  await poster.nextKind('ack', (ack) => ack.clientMsgId === `calm-${posted - 1}`, 10_000);
  await viewer.nextKind('batch', (b) => (b.items ?? []).some((d) => d.text === `calm ${posted - 1}`), 10_000);
  t.same(
    viewer.danmaku('calm').map((d) => d.text),
    Array.from({ length: posted }, (_, i) => `calm ${i}`),
    `the well-behaved viewer got all ${posted} comments, in order, during the fuzzing`,
  );
  t.ok(answered > 0, `the server answered the fuzzers (${answered} frames; ${reconnects} reconnects after closes)`);
  t.equal((await fetch(`${node.url}/healthz`)).status, 200, 'still healthy');
  const metrics = await (await fetch(`${node.url}/metrics`)).text();
  t.match(metrics, /danmaku_bad_frames_total\{node="test-node"\} [1-9]\d{2,}/, 'bad frames were counted');
  await viewer.close();
  await poster.close();
});
