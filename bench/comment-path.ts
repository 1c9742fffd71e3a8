/**
 * CPU time per comment of one node's comment path, in process and without sockets: the checks
 * (CommentPipeline), the room's sequencer (de-dup), the batcher, the memory bus (history), the hub
 * (stamping the live frame) and the ack's encoding, wired as src/server.ts wires them, on the
 * process's own clock and timers. Posters' comments go round-robin over BENCH_ROOMS (1,000) rooms;
 * BENCH_MAX_ITEMS (1) caps a batch, so by default every comment is a batch of its own, as in rooms
 * of two.
 *
 *   npm run build && node dist/bench/comment-path.js
 *
 * CPU time (process.cpuUsage) rather than wall time: on a machine shared with other work, another
 * process taking the core stretches wall time, not the CPU this path uses. To compare two builds,
 * run each build's own dist/bench/comment-path.js alternately and compare the medians; the load
 * benchmark's CPU per delivery at equal rates needs a quiet machine for a difference below ~20 %.
 * Prints µs of CPU per comment for BENCH_ROUNDS (5) rounds of BENCH_COMMENTS (100,000), after one
 * round of warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { MemoryBus } from '../src/bus/memory.js';
import { loadConfig } from '../src/config/config.js';
import { CommentPipeline, type AckFields } from '../src/gateway/comments.js';
import { Scheduler } from '../src/lifecycle/scheduler.js';
import { KeyedTokenBuckets } from '../src/limits/token-bucket.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { ModerationGate } from '../src/moderation/gate.js';
import { ModerationState } from '../src/moderation/state.js';
import { Mode, encodeClientFrame, v1 } from '../src/protocol/codec.js';
import { RoomBatcher } from '../src/rooms/batcher.js';
import { RoomHub } from '../src/rooms/hub.js';
import { CommentRouter } from '../src/rooms/router.js';
import { Sequencer } from '../src/rooms/sequencer.js';
import { ackFrame } from '../src/session/frames.js';
import { createSession } from '../src/session/session.js';
import { FileStore } from '../src/store/file.js';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 1000);
const MAX_ITEMS = Number(process.env.BENCH_MAX_ITEMS ?? 1);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POSTERS = 20;
const TEXTS = ['主播好厉害啊 666', 'hello world nice stream', '哈哈哈哈哈哈 太好笑了', 'gg wp 这波操作'];

const log = pino({ level: 'silent' });
const scheduler = new Scheduler(log);
const config = loadConfig({
  AUTH_SECRET: 'comment-path-bench-secret-0123456789',
  COMMENT_RATE_PER_SEC: '100000',
  COMMENT_BURST: '100000',
});
// Enabled, as a node runs by default: the histograms observed per batch are part of the path.
const metrics = createMetrics('comment-path-bench');
const dir = mkdtempSync(join(tmpdir(), 'comment-path-'));
const store = await FileStore.open(dir, { log, failures: metrics.storeFailures });
const moderation = new ModerationState(store, {
  recallTtlMs: config.historyMaxAgeMs,
  scheduler,
  log,
  corruptEntries: metrics.corruptEntries,
});
await moderation.start();
const bus = new MemoryBus({
  historyMaxBatches: config.historyMaxBatches,
  historyMaxAgeMs: config.historyMaxAgeMs,
  scheduler,
});
let frames = 0;
const hub = new RoomHub(
  bus,
  () => void frames++,
  metrics,
  config.limits.maxReplayBytes,
  moderation,
  config.resumeWindow,
  scheduler,
);
const sequencer = new Sequencer(
  bus,
  undefined,
  { dedupWindowMs: config.limits.dedupWindowMs, slowModeMs: () => 0 },
  scheduler,
);
const batcher = new RoomBatcher(
  sequencer.store,
  { intervalMs: config.batchIntervalMs, maxItems: MAX_ITEMS, maxBytes: config.batchMaxBytes },
  metrics,
  new KeyedTokenBuckets(1_000_000, 1_000_000, scheduler, 'room budget'),
  scheduler,
);
sequencer.attach(batcher);
const router = new CommentRouter(sequencer, undefined, {
  intervalMs: config.batchIntervalMs,
  forwardDeadlineMs: config.roomLeaseTtlMs,
});
const pipeline = new CommentPipeline(
  config.limits,
  router,
  () => batcher.newId(),
  new KeyedTokenBuckets(config.limits.commentRatePerSec, config.limits.commentBurst, scheduler, 'comment rate'),
  new ModerationGate(moderation),
  metrics,
  () => true,
  scheduler.now,
);
const rooms = Array.from({ length: ROOMS }, (_, i) => `room-${i}`);
for (const room of rooms) await hub.join(room, '', 0);
const sessions = Array.from({ length: POSTERS }, (_, i) =>
  createSession(
    '127.0.0.1',
    { sub: String(100_000_000 + i), name: `用户${i}`, rooms: ['*'], role: 'viewer', exp: 2e9 },
    'node',
  ),
);

let sent = 0;
let acked = 0;
const onAck = (ack: AckFields): void => {
  if (!ack.ok) throw new Error(`comment refused: ${ack.code}`);
  acked++;
  ackFrame(ack);
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Posts `comments` more, one per room per turn as the gateway would hand them over, and waits for every ack. */
async function post(comments: number): Promise<void> {
  const target = sent + comments;
  while (sent < target) {
    for (const room of rooms) {
      const bytes = encodeClientFrame({
        comment: {
          room,
          clientMsgId: `m${sent}`,
          text: `${TEXTS[sent % TEXTS.length] ?? ''} ${sent.toString(36)}`,
          color: 0xffffff,
          mode: Mode.SCROLL,
        },
      });
      const comment = v1.ClientFrame.decode(bytes).comment as ReturnType<typeof v1.Comment.decode>;
      pipeline.decide(sessions[sent % POSTERS] as (typeof sessions)[number], comment, onAck);
      sent++;
    }
    await nextTurn();
  }
  while (acked < sent) await nextTurn();
}

await post(COMMENTS);
const perComment: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const before = process.cpuUsage();
  const from = acked;
  await post(COMMENTS);
  const cpu = process.cpuUsage(before);
  perComment.push(((cpu.user + cpu.system) / (acked - from)).toFixed(2));
}
process.stdout.write(
  `comment path, ${ROOMS} rooms, batches of at most ${MAX_ITEMS}: µs of CPU per comment ${perComment.join(' ')} (${frames} frames)\n`,
);
moderation.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
