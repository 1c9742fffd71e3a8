/**
 * What the load generator spends per delivery against each server at one rate (issue 16: the
 * generator must measure the server's ceiling, not its own). Many rooms (BENCH_ROOMS ×
 * BENCH_VIEWERS_PER_ROOM, default 100 × 20), BENCH_RATE comments/s over all rooms (10000), each
 * server BENCH_REPEAT times (2) in turn, A/B alternating, BENCH_STEP_MS (3000) per step. Prints CPU
 * µs per delivery of the viewer workers, per comment of the poster workers, frames per delivery and
 * the server's CPU s per million deliveries, its wake-ups (voluntary context switches) and CPU per
 * comment; server pinned to core 0, load to core 1.
 *
 *   npm run build && BENCH_SERVERS=danmaku,bare node dist/bench/load-cost.js
 */
import { loadavg } from 'node:os';
import { LoadSession } from './load/session.js';
import { wakeUps } from './load/procfs.js';
import { startDanmaku, startPeer, type Pinning, type RunningServer } from './load/servers.js';

const env = process.env;
const rooms = Number(env.BENCH_ROOMS ?? 100);
const viewersPerRoom = Number(env.BENCH_VIEWERS_PER_ROOM ?? 20);
const rate = Number(env.BENCH_RATE ?? 10_000);
const repeat = Number(env.BENCH_REPEAT ?? 2);
const stepMs = Number(env.BENCH_STEP_MS ?? 3000);
const servers = (env.BENCH_SERVERS ?? 'danmaku,bare').split(',');
const pin: Pinning = { serverCore: 0, loadCores: [1] };

function start(id: string): Promise<RunningServer> {
  if (id === 'danmaku') return startDanmaku('danmaku', {}, pin);
  if (id === 'bare' || id === 'socketio' || id === 'ws') return startPeer(id, id, pin);
  throw new Error(`unknown server ${id}`);
}

async function measure(id: string): Promise<void> {
  const server = await start(id);
  const names = Array.from({ length: rooms }, (_, i) => `room-${i}`);
  const session = await LoadSession.open({
    server,
    rooms: names,
    viewersPerRoom,
    posters: 20,
    viewerWorkers: 2,
    posterWorkers: 2,
    probeViewers: 100,
    pin,
  });
  try {
    await session.step(rate, 1000, names, 2000);
    const wakes0 = wakeUps(server.pids);
    const s = await session.step(rate, stepMs, names, 2000);
    const wakes = wakeUps(server.pids) - wakes0;
    const us = (sec: number, n: number) => ((sec / n) * 1e6).toFixed(2);
    process.stdout.write(
      `${id.padEnd(8)} ${Math.round(s.deliveriesPerSec).toLocaleString('en')} deliv/s  loss ${s.expected - s.delivered}` +
        `  viewers ${us(s.viewerCpuSec, s.delivered)} µs/delivery  posters ${us(s.posterCpuSec, s.sent)} µs/comment` +
        `  load CPU ${(s.loadCpuShare * 100).toFixed(0)}%  frames/delivery ${(s.frames / s.delivered).toFixed(3)}` +
        `  bytes/delivery ${s.bytesPerDanmaku.toFixed(1)}  server ${s.cpuSecPerMillion.toFixed(2)} s/M (${(s.serverCpuShare * 100).toFixed(0)}%)` +
        `, ${(wakes / s.sent).toFixed(2)} wake-ups and ${us(s.serverCpuSec, s.sent)} µs per comment, ${us(s.serverCpuSec, wakes)} µs per wake-up` +
        `  load lag p99 ${s.loadLoopDelayP99Ms.toFixed(0)} ms${s.loadSaturated ? ' (load saturated)' : ''}  p99 ${s.latency.p99} ms  load avg ${loadavg()[0]?.toFixed(2)}\n`,
    );
  } finally {
    await session.close();
    await server.stop();
  }
}

for (let r = 0; r < repeat; r++) for (const id of servers) await measure(id);
