import t from 'tap';
import { FrameCounter, inflateFrame } from '../../bench/load/frame-count.js';
import { deflateBatchFrame, deflateCompactFrame } from '../../src/gateway/fanout.js';
import { decodeServerFrame, encodeBatchBody, encodeServerFrame, stampBatch } from '../../src/protocol/codec.js';
import { encodeCompactBatch } from '../../src/protocol/compact.js';

const items = (n: number, room: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `d${room}-${i}`,
    userId: String(300_000_000 + i),
    userName: '路人甲',
    text: `前方高能 ${room} awsl 哈哈哈哈 ${i}#mh3k2x1a`,
    sentAtMs: 1_764_560_000_000 + i,
  }));

t.test('the load generator counts every danmaku of plain, compact and deflated frames', async (t) => {
  const counter = new FrameCounter();
  const body = encodeBatchBody('room-1', items(40, 1));
  const plain = stampBatch(body, 'epoch-1', 7);
  const deflated = deflateBatchFrame(plain, 0);
  const compact = encodeCompactBatch(body, 3, '', 7);
  const compactDeflated = deflateCompactFrame(compact);
  t.ok(deflated.length < plain.length && compactDeflated.length < compact.length, 'the frames really are deflated');
  for (const [what, frame] of [
    ['plain', plain],
    ['deflated', deflated],
    ['compact', compact],
    ['compact, deflated with dictionary 1', compactDeflated],
  ] as const) {
    t.equal(counter.items(Buffer.from(frame)), 40, what);
    t.equal(counter.items(Buffer.from(frame)), 40, `${what}, the same bytes again (another viewer of the room)`);
  }
  t.equal(counter.items(Buffer.from(encodeServerFrame({ notice: { room: 'room-1', text: 'hi' } }))), 0, 'not a batch');
  t.ok(
    Buffer.from(plain).equals(inflateFrame(deflated) ?? Buffer.alloc(0)),
    'a probe viewer decodes the very batch that was deflated',
  );
  t.ok(
    Buffer.from(compact).equals(inflateFrame(compactDeflated) ?? Buffer.alloc(0)),
    '...and the compact one, with dictionary 1',
  );
  t.equal(inflateFrame(plain), undefined, 'a plain frame is not inflated');
});

t.test('deflated frames of many interleaved rooms count exactly, and a corrupt one counts nothing', async (t) => {
  const counter = new FrameCounter();
  const frames = Array.from({ length: 300 }, (_, room) =>
    Buffer.from(
      deflateBatchFrame(stampBatch(encodeBatchBody(`room-${room}`, items(1 + (room % 50), room)), 'e', 1), 0),
    ),
  );
  const expected = frames.reduce((sum, _, room) => sum + 1 + (room % 50), 0);
  let counted = 0;
  for (let viewer = 0; viewer < 3; viewer++) for (const frame of frames) counted += counter.items(frame);
  t.equal(counted, 3 * expected);
  const decoded = decodeServerFrame(frames[10] as Buffer);
  const deflated = decoded.ok ? decoded.frame.deflated : undefined;
  const lying = encodeServerFrame({ deflated: { data: deflated?.data, size: (deflated?.size ?? 0) + 1 } });
  t.equal(
    counter.items(Buffer.from(lying)),
    0,
    'a frame that does not inflate to the size it announces counts nothing',
  );
});
