import type { PosterPlan, RunPlan, RunResult } from './poster-worker.js';
import { summarize, type LatencySummary } from './histogram.js';
import type { LoopProbe } from './probe.js';
import { cpuSeconds, runQueueWaitSeconds } from './procfs.js';
import { WorkerProcess } from './rpc.js';
import { AUTH_SECRET, scriptPath, type Pinning, type RunningServer } from './servers.js';
import type { ViewerPlan, ViewerStats } from './viewer-worker.js';

/** Everything measured over one step at one comment rate. */
export interface StepResult {
  /** Comments per second offered by the posters (over all rooms). */
  readonly rate: number;
  readonly durationMs: number;
  readonly sent: number;
  readonly acked: number;
  readonly refused: number;
  readonly unanswered: number;
  readonly expected: number;
  readonly delivered: number;
  readonly frames: number;
  readonly bytesRead: number;
  readonly latency: LatencySummary;
  readonly serverCpuSec: number;
  /** Server CPU over the step's wall time; near 1.0 per pinned core means the server is saturated. */
  readonly serverCpuShare: number;
  /** Share of the step the server's event loops were runnable but waited for a CPU (other processes had it). */
  readonly serverWaitShare: number;
  readonly deliveriesPerSec: number;
  readonly cpuSecPerMillion: number;
  readonly bytesPerDanmaku: number;
  /** CPU of all load workers together as a share of the cores they run on (one when not pinned). */
  readonly loadCpuShare: number;
  /** CPU seconds of the viewer workers and of the poster workers over the step: the load side's cost per delivery and per comment. */
  readonly viewerCpuSec: number;
  readonly posterCpuSec: number;
  readonly loadLoopDelayP99Ms: number;
  readonly maxSendLagMs: number;
  readonly viewersClosed: number;
  readonly loadSaturated: boolean;
  /** The server's event loop and GC over the step (its Node processes; absent if the probe did not answer). */
  readonly serverLoop?: LoopProbe;
  /** No loss and p99 under the latency bound. */
  readonly sustained: boolean;
}

/** The latency bound of a sustained step (issue 16: p99 < 200 ms, no loss). */
export const P99_BOUND_MS = 200;
// The load side counts as saturated when its core is this busy or its event loops lag this much:
// latency and loss measured then are partly the load generator's.
export const LOAD_CPU_SATURATED = 0.9;
// A server process pinned to one core is saturated when it uses nearly all of it.
export const SERVER_SATURATED = 0.9;
const LOAD_LOOP_DELAY_SATURATED_MS = 50;
const POLL_MS = 50;
const QUIESCE_QUIET_MS = 300;
const QUIESCE_MAX_MS = 5000;

export interface SessionPlan {
  readonly server: RunningServer;
  readonly rooms: readonly string[];
  readonly viewersPerRoom: number;
  readonly posters: number;
  readonly viewerWorkers: number;
  /** Processes the posters are split over (each gets posters/n of them and rate/n). */
  readonly posterWorkers: number;
  readonly probeViewers: number;
  readonly pin: Pinning;
}

/** Every comment accepted and delivered to every viewer of its room. */
export function lossFree(s: StepResult): boolean {
  return s.delivered >= s.expected && s.refused === 0 && s.unanswered === 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Load workers connected to one server: viewers spread over worker processes, posters over others.
 * Workers are pinned round-robin over the load cores, posters and viewers interleaved, so with
 * several load cores neither kind shares a core with more of its own kind than it must.
 */
export class LoadSession {
  private constructor(
    private readonly plan: SessionPlan,
    private readonly viewers: readonly WorkerProcess[],
    private readonly posters: readonly WorkerProcess[],
  ) {}

  static async open(plan: SessionPlan): Promise<LoadSession> {
    const cores = plan.pin.loadCores;
    let started = 0;
    const start = (script: string, name: string) =>
      WorkerProcess.start(scriptPath(script), name, cores.length ? cores[started++ % cores.length] : undefined);
    const posterWorkers = plan.posters > 0 ? Math.max(1, Math.min(plan.posterWorkers, plan.posters)) : 0;
    const posters = Array.from({ length: posterWorkers }, (_, i) => start('./poster-worker', `posters ${i}`));
    const viewers = Array.from({ length: plan.viewerWorkers }, (_, i) => start('./viewer-worker', `viewers ${i}`));
    const session = new LoadSession(plan, viewers, posters);
    try {
      await session.addViewers(plan.rooms, plan.viewersPerRoom, plan.probeViewers);
      await Promise.all(
        posters.map((worker, w) =>
          worker.call('connect', {
            protocol: plan.server.protocol,
            targets: plan.server.targets,
            roomAffinity: plan.server.roomAffinity === true,
            // Poster i of the whole session is poster i / n of worker i mod n: same ids and names as one worker.
            posters: Array.from({ length: plan.posters }, (_, i) => i).filter((i) => i % posterWorkers === w),
            authSecret: AUTH_SECRET,
          } satisfies PosterPlan),
        ),
      );
      return session;
    } catch (err) {
      await session.close();
      throw err;
    }
  }

  /** Connects viewersPerRoom viewers to each room, every k-th one a probe that times danmaku. */
  async addViewers(rooms: readonly string[], viewersPerRoom: number, probes: number): Promise<void> {
    const all = rooms.flatMap((room) => Array.from({ length: viewersPerRoom }, () => room));
    const every = probes > 0 ? Math.max(1, Math.floor(all.length / probes)) : Infinity;
    const perWorker = this.viewers.map(() => [] as { room: string; probe: boolean }[]);
    all.forEach((room, i) => perWorker[i % perWorker.length]?.push({ room, probe: i % every === 0 }));
    await Promise.all(
      this.viewers.map((worker, w) =>
        worker.call('connect', {
          protocol: this.plan.server.protocol,
          targets: this.plan.server.targets,
          roomAffinity: this.plan.server.roomAffinity === true,
          viewers: perWorker[w] ?? [],
          concurrency: 50,
        } satisfies ViewerPlan),
      ),
    );
  }

  private async delivered(): Promise<number> {
    const counts = await Promise.all(this.viewers.map((w) => w.call<{ delivered: number }>('count')));
    return counts.reduce((s, c) => s + c.delivered, 0);
  }

  /** Waits until late deliveries of an earlier step stop arriving, so they are not counted in the next. */
  private async quiesce(): Promise<void> {
    const deadline = performance.now() + QUIESCE_MAX_MS;
    let last = await this.delivered();
    while (performance.now() < deadline) {
      await sleep(QUIESCE_QUIET_MS);
      const now = await this.delivered();
      if (now === last) return;
      last = now;
    }
  }

  private stats(): Promise<ViewerStats[]> {
    return Promise.all(this.viewers.map((w) => w.call<ViewerStats>('stats')));
  }

  /** Posts at `rate` comments/s for durationMs, waits for delivery (at most graceMs more) and measures. */
  async step(rate: number, durationMs: number, postRooms: readonly string[], graceMs: number): Promise<StepResult> {
    const n = this.posters.length;
    if (n === 0) throw new Error('this session has no posters');
    await this.quiesce();
    await Promise.all(this.viewers.map((w) => w.call('reset')));
    const before = await this.stats();
    const sum = (stats: readonly ViewerStats[], key: 'delivered' | 'frames' | 'bytesRead' | 'closed') =>
      stats.reduce((s, v) => s + v[key], 0);
    await this.plan.server.probe();
    const cpu0 = cpuSeconds(this.plan.server.pids);
    const wait0 = runQueueWaitSeconds(this.plan.server.pids);
    const t0 = performance.now();
    // Worker w sends every n-th comment at rate/n, its j-th to rooms[(j·n + w) mod rooms]: together
    // they send comment i to rooms[i mod rooms], as one worker would.
    const total = Math.round((rate * durationMs) / 1000);
    const runs = await Promise.all(
      this.posters.map((worker, w) =>
        worker.call<RunResult>('run', {
          rate: rate / n,
          count: Math.floor(total / n) + (w < total % n ? 1 : 0),
          rooms: postRooms,
          roomStride: n,
          roomOffset: w,
          ackGraceMs: graceMs,
        } satisfies RunPlan),
      ),
    );
    const summed = (key: 'sent' | 'acked' | 'refused' | 'unanswered') => runs.reduce((s, r) => s + r[key], 0);
    const run = {
      sent: summed('sent'),
      acked: summed('acked'),
      refused: summed('refused'),
      unanswered: summed('unanswered'),
      maxSendLagMs: Math.max(...runs.map((r) => r.maxSendLagMs)),
      cpuSec: runs.reduce((s, r) => s + r.self.cpuSec, 0),
      loopDelayP99Ms: Math.max(...runs.map((r) => r.self.loopDelayP99Ms)),
    };
    const expected = run.sent * this.plan.viewersPerRoom;
    const deadline = performance.now() + graceMs;
    for (;;) {
      const delivered = (await this.delivered()) - sum(before, 'delivered');
      if (delivered >= expected || performance.now() > deadline) break;
      await sleep(POLL_MS);
    }
    const cpuSec = cpuSeconds(this.plan.server.pids) - cpu0;
    const waitSec = runQueueWaitSeconds(this.plan.server.pids) - wait0;
    const wallSec = (performance.now() - t0) / 1000;
    const serverLoop = await this.plan.server.probe();
    const after = await this.stats();
    const delivered = sum(after, 'delivered') - sum(before, 'delivered');
    const latency = summarize(after.map((s) => s.latency));
    const viewerCpuSec = after.reduce((s, v) => s + v.self.cpuSec, 0);
    const loadCpuSec = viewerCpuSec + run.cpuSec;
    const loadCpuShare = loadCpuSec / wallSec / Math.max(1, this.plan.pin.loadCores.length);
    const loadLoopDelayP99Ms = Math.max(run.loopDelayP99Ms, ...after.map((s) => s.self.loopDelayP99Ms));
    return {
      rate,
      durationMs,
      sent: run.sent,
      acked: run.acked,
      refused: run.refused,
      unanswered: run.unanswered,
      expected,
      delivered,
      frames: sum(after, 'frames') - sum(before, 'frames'),
      bytesRead: sum(after, 'bytesRead') - sum(before, 'bytesRead'),
      latency,
      serverCpuSec: cpuSec,
      serverCpuShare: cpuSec / wallSec,
      serverWaitShare: waitSec / wallSec,
      deliveriesPerSec: delivered / (durationMs / 1000),
      cpuSecPerMillion: delivered > 0 ? (cpuSec / delivered) * 1e6 : Infinity,
      bytesPerDanmaku: delivered > 0 ? (sum(after, 'bytesRead') - sum(before, 'bytesRead')) / delivered : Infinity,
      loadCpuShare,
      viewerCpuSec,
      posterCpuSec: run.cpuSec,
      loadLoopDelayP99Ms,
      maxSendLagMs: run.maxSendLagMs,
      viewersClosed: sum(after, 'closed') - sum(before, 'closed'),
      loadSaturated: loadCpuShare >= LOAD_CPU_SATURATED || loadLoopDelayP99Ms >= LOAD_LOOP_DELAY_SATURATED_MS,
      ...(serverLoop ? { serverLoop } : {}),
      sustained: delivered >= expected && run.refused === 0 && run.unanswered === 0 && latency.p99 < P99_BOUND_MS,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.viewers, ...this.posters].map((w) => w.stop()));
  }
}
