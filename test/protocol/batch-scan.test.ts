import t from 'tap';
import { countBatchItems } from '../../src/protocol/batch-scan.js';
import { encodeBatchBody, encodeServerFrame, stampBatch } from '../../src/protocol/codec.js';

t.test('counts the danmaku of a stamped batch frame without decoding it', async (t) => {
  const items = Array.from({ length: 3 }, (_, i) => ({
    id: `d${i}`,
    userId: 'u',
    userName: 'U',
    text: '弹幕'.repeat(i * 40),
    sentAtMs: Date.now(),
  }));
  t.equal(countBatchItems(stampBatch(encodeBatchBody('lobby', items), 'epoch-1', 2 ** 40)), 3);
  t.equal(countBatchItems(stampBatch(encodeBatchBody('lobby', []), 'e', 1)), 0, 'an empty batch');
  t.equal(countBatchItems(encodeServerFrame({ notice: { room: 'lobby', text: 'hi' } })), 0, 'not a batch frame');
  const frame = stampBatch(encodeBatchBody('lobby', items), 'e', 1);
  const counts = Array.from({ length: frame.length }, (_, cut) => countBatchItems(frame.subarray(0, cut)));
  t.ok(
    counts.every((n) => n <= 3),
    'a truncated frame neither throws nor overcounts',
  );
});
