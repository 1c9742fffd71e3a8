import t from 'tap';
import { v1 } from '../../src/protocol/codec.js';
import type { danmaku } from '../../src/protocol/generated/danmaku.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { parseSamples, run, scrape, total } from '../helpers/scrape.js';

const Kind = v1.TelemetryKind;
// prom-client's default metrics include three gauges whose names end in _total; promtool lints them.
const KNOWN_LINT =
  /^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/;

t.test('real traffic moves every metric family, and promtool accepts the exposition', async (t) => {
  const node = await startTestNode({ IDLE_TIMEOUT_SEC: '8' });
  t.teardown(() => node.drain());

  const before = parseSamples(await scrape(node.url));
  t.equal(total(before, 'danmaku_connections_open'), 0, 'no connections before traffic');
  t.equal(total(before, 'danmaku_bus_connected'), 1, 'memory bus is connected');

  // A silent client (no pong to the server's pings) starts first: its timeout takes the longest.
  const silent = await TestClient.connect(node.wsUrl, { autoPong: false });
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
  const viewer = await TestClient.connect(node.wsUrl);
  const lobby = await poster.join('lobby');
  await viewer.join('lobby');

  poster.send({ comment: { room: 'lobby', clientMsgId: 'm1', text: 'first' } });
  const ack = await poster.nextKind('ack');
  t.ok(ack.ok);
  await viewer.nextKind('batch');
  await poster.nextKind('batch');
  poster.send({ comment: { room: 'lobby', clientMsgId: 'm2', text: 'x'.repeat(500) } });
  t.equal((await poster.nextKind('ack')).code, v1.ErrorCode.TOO_LONG, 'an over-long comment is refused');
  viewer.send({ comment: { room: 'lobby', clientMsgId: 'm3', text: 'anonymous' } });
  t.equal((await viewer.nextKind('ack')).code, v1.ErrorCode.UNAUTHENTICATED, 'an anonymous comment is refused');
  viewer.ws.send(Buffer.from([0xff, 0xff, 0xff]));
  await viewer.nextKind('error');
  viewer.send({ ping: { clientTimeMs: 1 } });
  await viewer.nextKind('pong');

  await t.rejects(
    TestClient.connect(node.wsUrl, { token: 'not-a-jwt' }),
    { name: 'Error', status: 401 },
    'a bad token is refused before the upgrade',
  );

  // A reconnecting web client: hello says attempt 3, it resumes lobby, and reports how it got back.
  const back = await TestClient.connect(node.wsUrl);
  back.send({ hello: { platform: 'web', sdkVersion: '1.0.0', reconnectAttempt: 3 } });
  back.send({ hello: { platform: 'web', sdkVersion: '1.0.0', reconnectAttempt: 4 } });
  back.send({
    report: {
      events: [
        { kind: Kind.DISCONNECTED, code: 1006, platform: 'web' },
        { kind: Kind.RECONNECT_ATTEMPT, attempt: 1 },
        { kind: Kind.RECONNECTED, attempt: 3, durationMs: 2500 },
        { kind: Kind.CONNECTED, durationMs: 300 },
        { kind: Kind.CLIENT_ERROR, reason: 'timeout' },
        { kind: Kind.RECONNECTED, attempt: 2, durationMs: 999_999_999 },
        { kind: 42 as danmaku.v1.TelemetryKind },
      ],
    },
  });
  // A hostile client floods reports: only its per-connection budget reaches the histograms.
  back.send({
    report: { events: Array.from({ length: 100 }, () => ({ kind: Kind.RECONNECTED, attempt: 1, durationMs: 1 })) },
  });
  const resumed = await back.join('lobby', Number(ack.seq), lobby.epoch ?? '');
  t.ok(resumed.resumed, 'a join from a cursor resumes');
  const gap = await back.join('hall', 5, 'no-such-epoch');
  t.ok(gap.gap, 'a join from an unknown epoch is a gap');

  const closedSilent = await silent.closed;
  t.equal(closedSilent.code, 1006, 'the silent client was dropped by the idle timeout');
  await poster.close();
  await viewer.close();

  const text = await scrape(node.url);
  const after = parseSamples(text);
  const at = (name: string, labels: Record<string, string> = {}) => total(after, name, labels);

  t.equal(at('danmaku_connections_opened_total', { transport: 'websocket' }), 4, 'four sockets opened');
  t.equal(at('danmaku_connections_open', { transport: 'websocket' }), 1, 'one still open');
  t.equal(at('danmaku_connections_closed_total', { reason: 'heartbeat' }), 1, 'one closed by heartbeat timeout');
  t.equal(at('danmaku_connections_closed_total', { reason: 'client' }), 2, 'two closed by their clients');
  t.equal(at('danmaku_connection_duration_seconds_count'), 3, 'every close records its duration');
  t.ok(at('danmaku_connection_duration_seconds_sum') >= 8, 'the silent one lasted the idle timeout');
  t.equal(at('danmaku_upgrades_refused_total', { reason: 'unauthenticated' }), 1);

  t.equal(at('danmaku_heartbeat_timeouts_total'), 1);
  t.equal(at('danmaku_heartbeat_pings_received_total'), 1);
  t.equal(at('danmaku_heartbeat_pongs_sent_total'), 1);
  t.ok(at('danmaku_heartbeat_rtt_seconds_count') >= 2, 'server-timed pings answered by live clients give RTT samples');
  t.ok(
    at('danmaku_heartbeat_rtt_seconds_sum') < at('danmaku_heartbeat_rtt_seconds_count') * 0.5,
    'loopback RTTs are well under 0.5 s',
  );

  t.equal(
    at('danmaku_reconnects_total', { platform: 'web' }),
    1,
    'hello with attempt > 0 counts a reconnect, once per connection',
  );
  t.equal(at('danmaku_resume_total', { outcome: 'fresh' }), 2);
  t.equal(at('danmaku_resume_total', { outcome: 'resumed' }), 1);
  t.equal(at('danmaku_resume_total', { outcome: 'gap' }), 1);
  const budgetLeft = 64 - 7;
  t.equal(
    at('danmaku_client_reconnect_attempts_count', { platform: 'web' }),
    1 + budgetLeft,
    'in-range RECONNECTED events within the budget',
  );
  t.equal(at('danmaku_client_reconnect_attempts_bucket', { platform: 'web', le: '3' }), 1 + budgetLeft);
  t.equal(
    at('danmaku_client_reconnect_attempts_bucket', { platform: 'web', le: '2' }),
    budgetLeft,
    'the attempt-3 reconnect is above le=2',
  );
  t.ok(
    Math.abs(at('danmaku_client_reconnect_duration_seconds_sum', { platform: 'web' }) - (2.5 + budgetLeft * 0.001)) <
      1e-9,
    'durations in seconds',
  );
  t.equal(at('danmaku_client_connect_duration_seconds_count', { platform: 'web' }), 1);
  t.equal(at('danmaku_client_events_total', { platform: 'web', kind: 'disconnected' }), 1);
  t.equal(at('danmaku_client_events_total', { platform: 'web', kind: 'reconnect_attempt' }), 1);
  t.equal(at('danmaku_client_events_total', { platform: 'web', kind: 'error' }), 1);
  t.equal(
    at('danmaku_client_events_rejected_total', { reason: 'out_of_range' }),
    1,
    'an absurd duration is dropped, not observed',
  );
  t.equal(at('danmaku_client_events_rejected_total', { reason: 'unknown_kind' }), 1);
  t.equal(at('danmaku_client_events_rejected_total', { reason: 'over_budget' }), 100 - budgetLeft);

  t.equal(at('danmaku_comments_received_total'), 3);
  t.equal(at('danmaku_comments_accepted_total'), 1);
  t.equal(at('danmaku_comments_refused_total', { code: 'TOO_LONG' }), 1);
  t.equal(at('danmaku_comments_refused_total', { code: 'UNAUTHENTICATED' }), 1);
  t.equal(at('danmaku_bad_frames_total'), 1);
  t.equal(at('danmaku_batches_published_total'), 1);
  t.equal(at('danmaku_batch_items_sum'), 1);
  t.ok(at('danmaku_batch_bytes_sum') > 5, 'batch bytes observed');
  t.equal(at('danmaku_delivered_frames_total'), 2, 'one batch to two viewers');
  t.ok(
    at('danmaku_delivered_bytes_total') >= 2 * at('danmaku_batch_bytes_sum'),
    'delivered frames carry at least the batch body',
  );
  t.equal(at('danmaku_delivery_latency_seconds_count'), 1);
  t.equal(at('danmaku_rooms_active'), 2, 'lobby and hall have a viewer (the reconnected client)');
  t.equal(at('danmaku_viewers'), 2);
  t.equal(at('danmaku_history_batches'), 1);
  t.equal(at('danmaku_backpressure_drops_total'), 0);

  t.equal(at('danmaku_bus_connected'), 1);
  t.equal(at('danmaku_bus_reconnects_total'), 0);
  t.equal(at('danmaku_bus_publish_latency_seconds_count'), 1);
  t.equal(at('danmaku_bus_publish_failures_total'), 0);
  t.ok(at('nodejs_eventloop_lag_seconds') >= 0, 'default process metrics are exported');
  t.ok(
    after.every((s) => s.labels.node === 'test-node'),
    'every sample carries the node label',
  );

  const lint = await run('/usr/bin/promtool', ['check', 'metrics'], text);
  const complaints = lint.stdout
    .concat(lint.stderr)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !KNOWN_LINT.test(line));
  t.same(complaints, [], 'promtool has no complaint beyond the three known prom-client ones');
  t.ok(lint.code === 0 || lint.code === 3, `promtool exit ${lint.code} is clean or lint only`);
  await back.close();
});

t.test('METRICS=off serves an empty exposition and the node still works', async (t) => {
  const node = await startTestNode({ METRICS: 'off' });
  t.teardown(() => node.drain());
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'bob' }) });
  await poster.join('lobby');
  poster.send({ comment: { room: 'lobby', clientMsgId: 'm1', text: 'hi' } });
  t.ok((await poster.nextKind('ack')).ok);
  t.equal((await poster.nextKind('batch')).items?.[0]?.text, 'hi');
  t.equal((await scrape(node.url)).trim(), '', 'no samples at all');
  await poster.close();
});
