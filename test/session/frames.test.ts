import t from 'tap';
import { ErrorCode, decodeServerFrame, encodeServerFrame } from '../../src/protocol/codec.js';
import { ackFrame, type AckFields } from '../../src/session/frames.js';

// The hand-written ack encoder must be what the generated one writes, so old and new clients decode
// it alike: every field set and unset, a seq past 2^32, multi-byte lengths and non-ASCII ids.
const acks: AckFields[] = [
  { clientMsgId: 'c1', ok: true, code: ErrorCode.OK, seq: 1, id: 'AbCd0', retryAfterMs: 0 },
  { clientMsgId: 'm-42', ok: false, code: ErrorCode.RATE_LIMITED, seq: 0, id: '', retryAfterMs: 1000 },
  { clientMsgId: '弹幕-ｃ1', ok: true, code: ErrorCode.OK, seq: 2 ** 40 + 3, id: 'x'.repeat(200), retryAfterMs: 0 },
  { clientMsgId: 'y'.repeat(64), ok: false, code: ErrorCode.UNAVAILABLE, seq: 127, id: '', retryAfterMs: 2 ** 31 },
  { clientMsgId: '', ok: false, code: ErrorCode.BAD_FRAME },
  { clientMsgId: 'only' },
  {},
];

t.test('acks are encoded byte for byte as the generated encoder does', (t) => {
  for (const ack of acks) {
    const expected = encodeServerFrame({ ack });
    const actual = ackFrame(ack);
    t.same(Buffer.from(actual).toString('hex'), Buffer.from(expected).toString('hex'), JSON.stringify(ack));
    const decoded = decodeServerFrame(actual);
    t.equal(decoded.ok && decoded.frame.kind, 'ack');
  }
  t.end();
});
