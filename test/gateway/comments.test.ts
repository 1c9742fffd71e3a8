import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';

t.test('a retry with the same client_msg_id is acknowledged again without posting twice', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const viewer = await TestClient.connect(node.wsUrl);
  await viewer.join('dedup');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'retrier' }) });
  poster.send({ comment: { room: 'dedup', clientMsgId: 'same', text: 'once' } });
  const first = await poster.nextKind('ack');
  await poster.close();
  // The SDK reconnects and sends its unacknowledged outbox again, with the same ids.
  const again = await TestClient.connect(node.wsUrl, { token: token({ sub: 'retrier' }) });
  again.send({ comment: { room: 'dedup', clientMsgId: 'same', text: 'once' } });
  again.send({ comment: { room: 'dedup', clientMsgId: 'other', text: 'twice' } });
  const retried = await again.nextKind('ack', (a) => a.clientMsgId === 'same');
  t.same([retried.ok, retried.seq, retried.id], [true, first.seq, first.id], 'the original ack');
  await again.nextKind('ack', (a) => a.clientMsgId === 'other');
  await viewer.nextKind('batch', (b) => (b.items ?? []).some((d) => d.text === 'twice'));
  t.same(
    viewer.danmaku('dedup').map((d) => d.text),
    ['once', 'twice'],
    'posted once',
  );
  const otherUser = await TestClient.connect(node.wsUrl, { token: token({ sub: 'someone-else' }) });
  otherUser.send({ comment: { room: 'dedup', clientMsgId: 'same', text: 'not a retry' } });
  t.not((await otherUser.nextKind('ack')).id, first.id, 'ids are per user');
  await Promise.all([viewer.close(), again.close(), otherUser.close()]);
});

t.test('the per-user rate limit refuses the excess with RATE_LIMITED and a retry hint', async (t) => {
  const node = await startTestNode({ COMMENT_RATE_PER_SEC: '2', COMMENT_BURST: '3' });
  t.teardown(() => node.drain());
  const a = await TestClient.connect(node.wsUrl, { token: token({ sub: 'flooder' }) });
  const b = await TestClient.connect(node.wsUrl, { token: token({ sub: 'flooder' }) });
  for (let i = 0; i < 6; i++)
    (i % 2 ? b : a).send({ comment: { room: 'r', clientMsgId: `f${i}`, text: `flood ${i}` } });
  const acks = await Promise.all(
    [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? b : a).nextKind('ack', (x) => x.clientMsgId === `f${i}`)),
  );
  t.equal(acks.filter((x) => x.ok).length, 3, 'the burst passes, across connections of one user');
  const limited = acks.filter((x) => !x.ok);
  t.ok(
    limited.every(
      (x) =>
        x.code === ErrorCode.RATE_LIMITED &&
        typeof x.retryAfterMs === 'number' &&
        x.retryAfterMs > 0 &&
        x.retryAfterMs <= 500,
    ),
  );
  const calm = await TestClient.connect(node.wsUrl, { token: token({ sub: 'calm' }) });
  calm.send({ comment: { room: 'r', clientMsgId: 'c', text: 'unaffected' } });
  t.equal((await calm.nextKind('ack')).ok, true, 'other users are not limited');
  await Promise.all([a.close(), b.close(), calm.close()]);
});

t.test('comment checks answer with clear codes', async (t) => {
  const node = await startTestNode({ MAX_COMMENT_CHARS: '10' });
  t.teardown(() => node.drain());
  const c = await TestClient.connect(node.wsUrl, { token: token({ sub: 'checker' }) });
  const cases: [string, Record<string, unknown>, number][] = [
    ['too long', { room: 'r', text: '一二三四五六七八九十十一' }, ErrorCode.TOO_LONG],
    ['ten emoji fit', { room: 'r', text: '😀😀😀😀😀😀😀😀😀😀' }, ErrorCode.OK],
    ['empty text', { room: 'r', text: '   ' }, ErrorCode.BAD_FRAME],
    ['bad room id', { room: 'no spaces', text: 'x' }, ErrorCode.BAD_FRAME],
    ['bad mode', { room: 'r', text: 'x', mode: 9 }, ErrorCode.BAD_FRAME],
  ];
  for (const [name, fields, code] of cases) {
    c.send({ comment: { clientMsgId: name, ...fields } });
    t.equal((await c.nextKind('ack', (a) => a.clientMsgId === name)).code, code, name);
  }
  c.send({ comment: { room: 'r', text: 'no id' } });
  t.equal((await c.nextKind('ack', (a) => a.clientMsgId === '')).code, ErrorCode.BAD_FRAME, 'missing client_msg_id');
  await c.close();
});

t.test('a quiet room sends a lone comment at once; a busy room batches per tick', async (t) => {
  const node = await startTestNode({ BATCH_INTERVAL_MS: '200', COMMENT_RATE_PER_SEC: '1000', COMMENT_BURST: '1000' });
  t.teardown(() => node.drain());
  const viewer = await TestClient.connect(node.wsUrl);
  await viewer.join('tick');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'ticker' }) });
  const sent = performance.now();
  poster.send({ comment: { room: 'tick', clientMsgId: 'lone', text: 'lone' } });
  await viewer.nextKind('batch');
  t.ok(performance.now() - sent < 100, 'lone comment not held for the 200 ms tick');
  for (let i = 0; i < 50; i++) poster.send({ comment: { room: 'tick', clientMsgId: `b${i}`, text: `burst ${i}` } });
  await poster.nextKind('ack', (a) => a.clientMsgId === 'b49');
  const batches = viewer.frames.filter((f) => f.kind === 'batch').length;
  t.ok(batches <= 3, `50 comments within one tick arrive in at most 3 frames (got ${batches})`);
  await Promise.all([viewer.close(), poster.close()]);
});
