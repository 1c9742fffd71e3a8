import t from 'tap';
import {
  decodeClientFrame,
  decodeServerFrame,
  encodeBatchBody,
  encodeClientFrame,
  stampBatch,
  Mode,
  type ClientFrameProps,
} from '../../src/protocol/codec.js';

t.test('a stamped batch decodes with the bus-assigned epoch and seq, items untouched', async (t) => {
  const body = encodeBatchBody('room-1', [
    {
      id: 'a1',
      userId: 'u1',
      userName: '甲',
      text: 'hello 世界',
      color: 0xffffff,
      mode: Mode.TOP,
      sentAtMs: 1_700_000_000_123,
    },
    { id: 'a2', userId: 'u2', userName: 'B', text: 'second', color: 1, mode: Mode.SCROLL, sentAtMs: 1 },
  ]);
  for (const seq of [1, 127, 128, 300, 2 ** 32 + 5, 2 ** 53 - 1]) {
    const decoded = decodeServerFrame(stampBatch(body, 'ep0ch', seq));
    t.ok(decoded.ok, `seq ${seq} decodes`);
    if (!decoded.ok) continue;
    const batch = decoded.frame.batch;
    t.equal(decoded.frame.kind, 'batch');
    t.equal(batch?.seq, seq, `seq ${seq} survives as a number`);
    t.equal(batch?.epoch, 'ep0ch');
    t.equal(batch?.room, 'room-1');
    t.same(
      batch?.items?.map((d) => [d.id, d.text, d.userName, d.mode, d.sentAtMs]),
      [
        ['a1', 'hello 世界', '甲', Mode.TOP, 1_700_000_000_123],
        ['a2', 'second', 'B', Mode.SCROLL, 1],
      ],
    );
  }
});

t.test('stamping is byte-exact: tag, rewritten length, body, epoch, seq', async (t) => {
  const body = encodeBatchBody('r', []);
  t.equal(Buffer.from(body).toString('hex'), '0a0172');
  // 0a=ServerFrame.batch, 0a=length 10, body 0a0172, 1a02 "e1", 20 96 01 = seq 150
  t.equal(Buffer.from(stampBatch(body, 'e1', 150)).toString('hex'), '0a0a0a01721a0265312096' + '01');
});

t.test('garbage, truncated and empty frames are typed errors, never throws', async (t) => {
  const good = encodeClientFrame({ comment: { room: 'r', clientMsgId: 'x', text: 'hi' } });
  t.equal(decodeClientFrame(good).ok, true);
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array()],
    ['truncated', good.subarray(0, good.length - 2)],
    ['random', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])],
    ['length past end', Uint8Array.from([0x22, 0x7f, 0x01])],
    ['text', new TextEncoder().encode('{"comment":"hi"}')],
  ];
  for (const [name, bytes] of cases) {
    const decoded = decodeClientFrame(bytes);
    t.equal(decoded.ok, false, `${name} is refused`);
    if (!decoded.ok) t.type(decoded.error, 'string');
  }
});

t.test(
  'a decoded ClientFrame is narrowed to its case, with the case present and absent fields at their defaults',
  async (t) => {
    const frames: ClientFrameProps[] = [
      { hello: {} },
      { join: { room: 'r' } },
      { leave: { room: 'r' } },
      { comment: { room: 'r', clientMsgId: 'x' } },
      { ping: {} },
      { report: {} },
    ];
    for (const props of frames) {
      const decoded = decodeClientFrame(encodeClientFrame(props));
      if (!decoded.ok) throw new Error(decoded.error);
      const frame = decoded.frame;
      t.equal(frame.kind, Object.keys(props)[0]);
      switch (frame.kind) {
        case 'join':
          t.equal(frame.join.lastSeq, 0, 'an absent uint64 is the number 0');
          t.equal(frame.join.epoch, '');
          break;
        case 'ping':
          t.equal(frame.ping.clientTimeMs, 0);
          break;
        case 'comment':
          t.equal(frame.comment.text, '');
          break;
        default:
          t.ok(frame[frame.kind], `${frame.kind} is present`);
      }
    }
    // Field 100 is no case of this schema (a newer client's frame): refused, not handed on without a case.
    const newer = decodeClientFrame(Uint8Array.from([0xa2, 0x06, 0x00]));
    t.same(newer, { ok: false, error: 'frame has no known kind' });
  },
);
