import { performance } from 'node:perf_hooks';
import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { token } from '../helpers/node.js';
import { ResumingViewer } from '../helpers/resuming-viewer.js';
import { parseSamples, scrape, total } from '../helpers/scrape.js';
import { waitFor } from '../helpers/wait.js';

const VIEWERS = 3000;
const ROOMS = ['storm-a', 'storm-b', 'storm-c', 'storm-d'];
// Admits 500 upgrades/s (burst 1000): two thirds of the storm is refused with 503 and must come back later.
const UPGRADE_RATE = 500;
const RETRY_JITTER_MS = 1000;
const POST_EVERY_MS = 200;
// Bounds for a 2-core machine shared with this load generator (and, in CI, other test files): a
// refused viewer waits Retry-After (1-5 s, spread by the node) plus up to 1 s of its own jitter, and
// may be refused once more. Measured worst delays: 125 ms on a quiet machine, 0.4-0.8 s with the
// machine's load average at 8 (the node starved of CPU, not busy with its own work).
const ALL_BACK_WITHIN_MS = 20_000;
const EVENT_LOOP_MAX_DELAY_MS = 1500;

const waitUntil = (condition: () => boolean, timeoutMs: number, what: string) =>
  waitFor(what, condition, { timeoutMs });

t.test(`${VIEWERS} viewers dropped at once all resume, in bounded time, losing and repeating nothing`, async (t) => {
  const node = await GatewayProcess.start('storm', {
    UPGRADE_RATE: String(UPGRADE_RATE),
    // One test process stands in for thousands of phones: per-IP limits would measure the wrong thing.
    UPGRADE_RATE_PER_IP: '1000000',
    MAX_CONNECTIONS_PER_IP: '100000',
    COMMENT_RATE_PER_SEC: '1000',
    COMMENT_BURST: '1000',
    // tap instruments child processes for coverage (V8 precise call counts), which slows the node
    // several times over: the event-loop figures would measure the instrumentation, not the node.
    _TAPJS_PROCESSINFO_COVERAGE_: '0',
  });
  t.teardown(() => node.kill());
  const viewers = Array.from(
    { length: VIEWERS },
    (_, i) => new ResumingViewer(node.wsUrl, ROOMS[i % ROOMS.length] as string),
  );
  t.teardown(() => viewers.forEach((v) => v.drop()));
  await Promise.all(viewers.map((v) => v.connectHonouringRetryAfter(RETRY_JITTER_MS)));

  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
  t.teardown(() => poster.close());
  let posted = 0;
  const post = () => {
    const room = ROOMS[posted % ROOMS.length] as string;
    poster.send({ comment: { room, clientMsgId: `p${posted}`, text: `storm ${posted}` } });
    posted++;
  };
  const postTimer = setInterval(post, POST_EVERY_MS);
  t.teardown(() => clearInterval(postTimer));
  await waitUntil(
    () => viewers.every((v) => v.seqs.length > 0),
    10_000,
    'every viewer to see a batch before the storm',
  );

  // prom-client resets its event-loop delay histogram on every scrape: the next one covers the storm alone.
  await scrape(node.url);
  const refusedBefore = viewers.reduce((sum, v) => sum + v.refusals, 0);
  const droppedAt = performance.now();
  for (const v of viewers) v.drop();
  await Promise.all(viewers.map((v) => v.connectHonouringRetryAfter(RETRY_JITTER_MS)));
  const allBackMs = performance.now() - droppedAt;
  const stormMetrics = parseSamples(await scrape(node.url));
  const lagMaxMs = total(stormMetrics, 'nodejs_eventloop_lag_max_seconds') * 1000;
  const lagP99Ms = total(stormMetrics, 'nodejs_eventloop_lag_p99_seconds') * 1000;
  const refusedInStorm = viewers.reduce((sum, v) => sum + v.refusals, 0) - refusedBefore;

  clearInterval(postTimer);
  await waitUntil(
    () => poster.frames.filter((f) => f.kind === 'ack').length === posted,
    10_000,
    'every comment to be acknowledged',
  );
  const batchesByRoom = new Map<string, Set<number>>(ROOMS.map((room) => [room, new Set<number>()]));
  const acks = poster.frames.filter((f) => f.kind === 'ack');
  t.equal(acks.filter((f) => f.ack?.ok !== true).length, 0, 'every comment was accepted');
  for (const f of acks) {
    const room = ROOMS[Number(f.ack?.clientMsgId?.slice(1)) % ROOMS.length] as string;
    batchesByRoom.get(room)?.add(Number(f.ack?.seq));
  }
  const lastSeqOf = (room: string) => Math.max(...(batchesByRoom.get(room) ?? []));
  await waitUntil(
    () => viewers.every((v) => v.lastSeq >= lastSeqOf(v.room)),
    10_000,
    'every viewer to reach the last batch',
  );

  t.comment(
    `storm: ${VIEWERS} back in ${Math.round(allBackMs)} ms, ${refusedInStorm} upgrades refused with 503 on the way; server event loop max delay ${lagMaxMs.toFixed(1)} ms, p99 ${lagP99Ms.toFixed(1)} ms; ${posted} comments posted`,
  );
  t.ok(refusedInStorm > 0, 'the node spread the storm: some upgrades were refused with Retry-After');
  t.ok(
    allBackMs < ALL_BACK_WITHIN_MS,
    `all ${VIEWERS} back within ${ALL_BACK_WITHIN_MS} ms (took ${Math.round(allBackMs)} ms)`,
  );
  t.ok(
    lagMaxMs > 0 && lagMaxMs < EVENT_LOOP_MAX_DELAY_MS,
    `server event-loop delay stayed under ${EVENT_LOOP_MAX_DELAY_MS} ms (max ${lagMaxMs.toFixed(1)} ms)`,
  );
  t.equal(
    viewers.filter((v) => !v.lastJoin?.resumed || v.lastJoin.gap).length,
    0,
    'every viewer resumed, none was told gap',
  );
  const wrong = viewers.filter((v) => {
    const expected = [...(batchesByRoom.get(v.room) ?? [])]
      .filter((seq) => seq > (v.startSeq ?? 0))
      .sort((a, b) => a - b);
    const received = [...v.seqs].sort((a, b) => a - b);
    return received.length !== expected.length || received.some((seq, i) => seq !== expected[i]);
  });
  t.equal(wrong.length, 0, 'every viewer got every batch after its first join exactly once, across the drop');
  t.equal(node.crashed, false);
});
