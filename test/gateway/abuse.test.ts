import t from 'tap';
import { ErrorCode, encodeClientFrame } from '../../src/protocol/codec.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';
import { waitFor } from '../helpers/wait.js';

// Each test has its own node; the idle-timeout one spends its seconds waiting on uWS's timer (8 s
// at the least): run them side by side (tap buffers each one's output).
t.jobs = 4;

t.test('bad frames get BAD_FRAME, repeated abuse closes with 1008, neighbours keep receiving', async (t) => {
  const node = await startTestNode({ MAX_BAD_FRAMES: '3' });
  t.teardown(() => node.drain());
  const neighbour = await TestClient.connect(node.wsUrl);
  await neighbour.join('calm');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
  const abuser = await TestClient.connect(node.wsUrl, { token: token({ sub: 'abuser' }) });
  abuser.ws.send(Buffer.from([0xff, 0x01, 0x02, 0x03]));
  t.equal((await abuser.nextKind('error')).code, ErrorCode.BAD_FRAME, 'garbage bytes');
  abuser.ws.send('{"comment":{"text":"json?"}}');
  t.match((await abuser.nextKind('error')).message, /text frames/, 'a text frame');
  poster.send({ comment: { room: 'calm', clientMsgId: 'between', text: 'still here' } });
  t.equal((await poster.nextKind('ack')).ok, true);
  abuser.ws.send(Buffer.alloc(0));
  t.equal((await abuser.nextKind('error')).code, ErrorCode.BAD_FRAME, 'an empty frame');
  t.equal((await abuser.closed).code, CloseCode.POLICY, 'third bad frame closes');
  poster.send({ comment: { room: 'calm', clientMsgId: 'after', text: 'after the abuse' } });
  await neighbour.nextKind('batch', (b) => (b.items ?? []).some((d) => d.text === 'after the abuse'));
  t.same(
    neighbour.danmaku('calm').map((d) => d.text),
    ['still here', 'after the abuse'],
  );
  await Promise.all([neighbour.close(), poster.close()]);
});

t.test('an oversize message closes that socket with 1009 and nothing else', async (t) => {
  const node = await startTestNode({ MAX_FRAME_BYTES: '1024' });
  t.teardown(() => node.drain());
  const neighbour = await TestClient.connect(node.wsUrl, { token: token({ sub: 'n' }) });
  const big = await TestClient.connect(node.wsUrl, { token: token({ sub: 'big' }) });
  big.ws.send(encodeClientFrame({ comment: { room: 'r', clientMsgId: 'x', text: 'x'.repeat(4000) } }));
  t.equal((await big.closed).code, CloseCode.TOO_BIG);
  neighbour.send({ comment: { room: 'r', clientMsgId: 'ok', text: 'fine' } });
  t.equal((await neighbour.nextKind('ack')).ok, true);
  const health = await fetch(`${node.url}/healthz`);
  t.equal(health.status, 200);
  await neighbour.close();
});

t.test('a silent client is closed after the idle timeout and counted', async (t) => {
  const node = await startTestNode({ IDLE_TIMEOUT_SEC: '8' });
  t.teardown(() => node.drain());
  const silent = await TestClient.connect(node.wsUrl, { autoPong: false });
  const alive = await TestClient.connect(node.wsUrl);
  const opened = Date.now();
  const closed = await silent.closed;
  const after = Date.now() - opened;
  t.ok(after >= 4000 && after <= 20_000, `closed after ${after} ms (uWS timers tick every 4 s)`);
  t.equal(closed.code, 1006, 'dropped without a close handshake: it was not listening');
  alive.send({ ping: { clientTimeMs: 42 } });
  const pong = await alive.nextKind('pong');
  t.equal(pong.clientTimeMs, 42, 'a client answering pings stays');
  t.ok(Math.abs(Number(pong.serverTimeMs) - Date.now()) < 5000);
  const metrics = await (await fetch(`${node.url}/metrics`)).text();
  t.match(metrics, /danmaku_heartbeat_timeouts_total\{node="test-node"\} 1\b/);
  t.match(metrics, /danmaku_connections_closed_total\{[^}]*reason="heartbeat"[^}]*\} 1\b/);
  await alive.close();
});

t.test('a viewer that cannot keep up is dropped with 4001 and resumes without loss', async (t) => {
  const node = await startTestNode({
    SLOW_VIEWER_BYTES: '65536',
    MAX_REPLAY_BYTES: '131072',
    MAX_COMMENT_CHARS: '2000',
    MAX_FRAME_BYTES: '16384',
    COMMENT_RATE_PER_SEC: '100000',
    COMMENT_BURST: '100000',
    HISTORY_MAX_BATCHES: '100000',
  });
  t.teardown(() => node.drain());
  const slow = await TestClient.connect(node.wsUrl);
  const joined = await slow.join('firehose');
  const fast = await TestClient.connect(node.wsUrl);
  await fast.join('firehose');
  // Stop reading: the kernel buffers fill, then the server's queue for this socket grows.
  slow.ws.pause();
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'firehose' }) });
  const text = '弹'.repeat(1900);
  let sent = 0;
  const queued = () => Math.max(0, ...[...node.gateway.sockets].map((s) => s.getBufferedAmount()));
  // Fast until the kernel buffers are full and the server starts queueing, then about 100 KB/s:
  // a viewer on a slow link, which the sweep must catch before uWS's hard cap does.
  let kernelFull = false;
  const pump = setInterval(() => {
    kernelFull ||= queued() > 0;
    const burst = kernelFull ? 1 : 50;
    for (let i = 0; i < burst && sent < 6000; i++) {
      poster.send({ comment: { room: 'firehose', clientMsgId: `f${sent}`, text: `${sent} ${text}` } });
      sent++;
    }
  }, 50);
  t.teardown(() => clearInterval(pump));
  // A paused client cannot see its own close: watch the server side, then read what was queued.
  await waitFor('the slow reader to be closed', () => node.gateway.connectionCount < 3, { timeoutMs: 30_000 }).catch(
    () => undefined,
  );
  clearInterval(pump);
  slow.ws.resume();
  const closed = await Promise.race([
    slow.closed,
    new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000)),
  ]);
  t.ok(closed, 'slow viewer was closed');
  t.equal(closed?.code, 4001, 'with the slow-consumer code, after the backlog');
  const lastAck = await poster.nextKind('ack', (a) => a.clientMsgId === `f${sent - 1}`, 20_000);
  await fast.nextKind('batch', (b) => b.seq === lastAck.seq, 20_000);
  const got = slow.batchSeqs('firehose');
  const last = got.length ? Math.max(...got) : Number(joined.lastSeq);
  t.ok(slow.danmaku('firehose').length > 0, 'the backlog queued before the drop was delivered before the close');
  for (let i = 0; i < 3; i++)
    poster.send({ comment: { room: 'firehose', clientMsgId: `late${i}`, text: `late ${i}` } });
  await fast.nextKind('batch', (b) => (b.items ?? []).some((d) => d.text === 'late 2'));
  const back = await TestClient.connect(node.wsUrl);
  const resumed = await back.join('firehose', last, joined.epoch ?? '');
  t.equal(resumed.resumed, true, 'the dropped viewer resumes');
  const ids = (c: TestClient) => c.danmaku('firehose').map((d) => d.id);
  t.same(
    [...ids(slow), ...ids(back)],
    ids(fast),
    'before the drop plus the resume: exactly what a fast viewer saw, once each',
  );
  t.same(
    back
      .danmaku('firehose')
      .slice(-3)
      .map((d) => d.text),
    ['late 0', 'late 1', 'late 2'],
  );
  const far = await TestClient.connect(node.wsUrl);
  const flooded = await far.join('firehose', fast.batchSeqs('firehose')[0], joined.epoch ?? '');
  t.equal(flooded.gap, true, 'megabytes missed (over MAX_REPLAY_BYTES): an explicit gap, not a flood');
  t.equal(far.danmaku('firehose').length, 0, 'and no partial replay');
  const metrics = await (await fetch(`${node.url}/metrics`)).text();
  t.match(metrics, /danmaku_backpressure_drops_total\{node="test-node"\} [1-9]/);
  await Promise.all([fast.close(), back.close(), far.close(), poster.close()]);
});
