import t from 'tap';
import { inflateRawSync } from 'node:zlib';
import { decodeServerFrame, encodeBatchBody, type DanmakuProps } from '../../src/protocol/codec.js';
import { COMPACT_DICTIONARY, encodeCompactBatch, expandCompactItems } from '../../src/protocol/compact.js';
import { decodeDeflatedBatch } from '../../src/protocol/deflated.js';
import { presetDictionary } from '../../src/protocol/dictionary.js';
import { deflateCompactFrame } from '../../src/gateway/fanout.js';

const AT = Date.UTC(2026, 10, 30, 12);
const ITEMS: DanmakuProps[] = [
  {
    id: 'q3Vb9w1a',
    userId: '300007919',
    userName: '路人甲12',
    text: '前方高能',
    color: 0xffffff,
    mode: 0,
    sentAtMs: AT,
  },
  {
    id: 'q3Vb9w1b',
    userId: 'wx_o6Zk',
    userName: 'momo',
    text: 'GG',
    color: 0xff0000,
    mode: 1,
    sentAtMs: AT + 40,
    priority: 1,
  },
  { id: 'q3Vb9w1c', userId: '0', userName: '', text: 'x', color: 0, mode: 2, sentAtMs: AT - 3 },
  { id: 'q3Vb9w1d', userId: '007', userName: 'a', text: 'y', color: 0x123456, mode: 0, sentAtMs: AT + 1 },
];

function compactOf(bytes: Uint8Array) {
  const decoded = decodeServerFrame(bytes);
  if (!decoded.ok || decoded.frame.kind !== 'compact') throw new Error('not a compact frame');
  return decoded.frame.compact as NonNullable<typeof decoded.frame.compact>;
}

t.test('a compact batch expands to the danmaku it was built from', async (t) => {
  const frame = encodeCompactBatch(encodeBatchBody('room-42', ITEMS), 7, '', 48_213);
  const compact = compactOf(frame);
  t.equal(compact.roomAlias, 7);
  t.equal(Number(compact.seq), 48_213);
  t.equal(compact.epoch, '', 'the epoch left out when the caller says every joined carried it');
  t.same(
    expandCompactItems(compact),
    ITEMS.map((d) => ({ priority: 0, ...d })),
    'ids, user ids (numbers and not), names, texts, colours, modes, times and priorities',
  );
  t.equal(compactOf(encodeCompactBatch(encodeBatchBody('r', ITEMS), 1, 'ep0ch', 2)).epoch, 'ep0ch', 'an epoch kept');
});

t.test(
  'a lone compact danmaku is smaller than the stamped batch, and smaller again deflated with the dictionary',
  async (t) => {
    // Common words, as most danmaku are: the dictionary holds them.
    const lone = [{ ...ITEMS[0], text: '哈哈哈哈哈哈 前方高能预警 主播加油 太秀了' }];
    const frame = encodeCompactBatch(encodeBatchBody('room-42', lone), 3, '', 48_213);
    const packed = deflateCompactFrame(frame);
    t.ok(packed.length < frame.length, `${packed.length} < ${frame.length} bytes`);
    const decoded = decodeServerFrame(packed);
    t.ok(decoded.ok && decoded.frame.kind === 'deflated' && decoded.frame.deflated?.dictionary === COMPACT_DICTIONARY);
    const deflated = decoded.ok ? (decoded.frame.deflated as NonNullable<typeof decoded.frame.deflated>) : {};
    const inflated = decodeDeflatedBatch(deflated);
    t.ok(inflated.ok && inflated.frame.kind === 'compact', 'the SDK inflates it (fflate, with dictionary 1)');
    t.same(inflated.ok ? expandCompactItems(inflated.frame.compact ?? {}) : [], [{ priority: 0, ...lone[0] }]);
    t.same(
      new Uint8Array(inflateRawSync(deflated.data ?? new Uint8Array(), { dictionary: presetDictionary(1) })),
      frame,
      'zlib inflates it with the same dictionary to the same bytes',
    );
    t.match(
      decodeDeflatedBatch({ ...deflated, dictionary: 9 }),
      { ok: false, error: /dictionary 9/ },
      'a dictionary this client does not have is refused',
    );
    t.match(
      decodeDeflatedBatch({ ...deflated, dictionary: 0 }),
      { ok: false },
      'without the dictionary it does not inflate to a batch',
    );
  },
);
