import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';
import { waitFor } from '../helpers/wait.js';

t.test('graceful drain: every acknowledged comment is delivered before goaway and close 1012', async (t) => {
  const node = await startTestNode({
    COMMENT_RATE_PER_SEC: '100000',
    COMMENT_BURST: '100000',
    ROOM_RATE_PER_SEC: '100000',
    BATCH_INTERVAL_MS: '100',
  });
  const viewer = await TestClient.connect(node.wsUrl);
  await viewer.join('drain');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'p' }) });
  let sent = 0;
  const pump = setInterval(() => {
    for (let i = 0; i < 20; i++)
      poster.send({ comment: { room: 'drain', clientMsgId: `d${sent}`, text: `d ${sent++}` } });
  }, 5);
  await viewer.nextKind('batch');
  // Drain with comments both acked and still in flight.
  await waitFor('acks before the drain', () => poster.frames.filter((f) => f.ack?.ok === true).length >= 20);
  const drained = node.drain();
  clearInterval(pump);
  await drained;
  t.equal((await viewer.closed).code, CloseCode.SERVICE_RESTART);
  t.equal((await poster.closed).code, CloseCode.SERVICE_RESTART);
  const acks = poster.frames.filter((f) => f.kind === 'ack').map((f) => f.ack as NonNullable<typeof f.ack>);
  const ok = acks.filter((a) => a.ok);
  t.ok(ok.length > 0, `${ok.length} accepted before the drain`);
  t.ok(
    acks.every((a) => a.ok || a.code === ErrorCode.UNAVAILABLE),
    'the rest were told UNAVAILABLE (the SDK retries them elsewhere)',
  );
  const delivered = new Set(viewer.danmaku('drain').map((d) => d.id));
  t.ok(
    ok.every((a) => typeof a.id === 'string' && delivered.has(a.id)),
    'every acknowledged comment reached the viewer',
  );
  const goawayAt = viewer.frames.findIndex((f) => f.kind === 'goaway');
  const lastBatchAt = viewer.frames.map((f) => f.kind).lastIndexOf('batch');
  t.ok(goawayAt > lastBatchAt, 'goaway comes after the last batch');
});
