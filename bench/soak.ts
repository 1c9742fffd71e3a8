/**
 * Churn soak: one node in a child process while WebSocket viewers open and close continuously and
 * posters keep every room broadcasting. Checks, after the churn stops, that the node let go of
 * everything it took: the open-connection gauge is back to zero, RSS is within 10 % of its level
 * after warm-up, and no timer, handle or process listener outlived the connections that made it.
 *
 *   npm run soak                      # about 3 minutes
 *   SOAK_SECONDS=40 npm run soak      # shorter
 *
 * Tune with SOAK_SECONDS (whole run, default 180), SOAK_OPEN_PER_SEC (new connections per second,
 * default 150), SOAK_ROOMS (default 8) and SOAK_POSTS_PER_SEC (comments per second per room,
 * default 5). Exits 1 when a check fails.
 *
 * The node's bounded stores (room history, the retry de-duplication window) are sized to fill up
 * during warm-up, so that growth measured after it is a leak and not a cache filling. Memory is
 * compared after a full garbage collection, requested through the node's inspector (loopback only,
 * port chosen by the OS); the same inspector reads the node's live timers, active handles and
 * process listeners, counted by a preload that tracks timers with async_hooks (unref'd timers do
 * not show in process.getActiveResourcesInfo()).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { signToken } from '../src/auth/token.js';
import { encodeClientFrame } from '../src/protocol/codec.js';

const SECRET = 'soak-secret-0123456789abcdef';
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const OPEN_PER_SEC = Number(process.env.SOAK_OPEN_PER_SEC ?? 150);
const ROOMS = Number(process.env.SOAK_ROOMS ?? 8);
const POSTS_PER_SEC = Number(process.env.SOAK_POSTS_PER_SEC ?? 5);
const WARMUP_SECONDS = Math.max(10, SECONDS / 6);
const LIFETIME_MS = { min: 200, max: 4000 };
const TICK_MS = 50;
const RSS_TOLERANCE = 0.1;
const HISTORY_MAX_BATCHES = 50;

// Loaded into the node with --import: counts live timers (unref'd ones included) by async_hooks.
const PRELOAD = `
import { createHook } from 'node:async_hooks';
const live = new Set();
createHook({
  init(id, type) { if (type === 'Timeout') live.add(id); },
  destroy(id) { live.delete(id); },
}).enable();
globalThis.__soakLiveTimers = () => live.size;
`;

interface Snapshot {
  readonly rssKiB: number;
  readonly heapUsedKiB: number;
  readonly externalKiB: number;
  readonly timers: number;
  readonly resources: Readonly<Record<string, number>>;
  readonly listeners: Readonly<Record<string, number>>;
  readonly connectionsOpen: number;
  readonly handlesMetric: number;
}

interface NodeProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly inspectorUrl: string;
}

function startNode(preload: string): Promise<NodeProcess> {
  const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.js');
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', `--import=${preload}`, main], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_SECRET: SECRET,
      NODE_ID: 'soak',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'danmaku-soak-')),
      // Every connection comes from 127.0.0.1: per-IP limits would refuse the load generator.
      MAX_CONNECTIONS_PER_IP: '1000000',
      UPGRADE_RATE_PER_IP: '1000000',
      COMMENT_RATE_PER_SEC: '10000',
      COMMENT_BURST: '10000',
      HISTORY_MAX_BATCHES: String(HISTORY_MAX_BATCHES),
      DEDUP_WINDOW_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    let port: number | undefined;
    let inspectorUrl: string | undefined;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      port ??= Number(/listening: http:\/\/[\d.]+:(\d+)\//.exec(out)?.[1] ?? NaN) || undefined;
      inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1];
      if (port !== undefined && inspectorUrl !== undefined) resolve({ child, port, inspectorUrl });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`node exited with ${code} before listening:\n${out}`)));
  });
}

/** A minimal Chrome DevTools Protocol client over the node's inspector socket. */
class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      if (message.error !== undefined) throw new Error(`inspector: ${message.error.message}`);
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  static connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Inspector(ws)));
      ws.once('error', reject);
    });
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  async evaluate<T>(expression: string): Promise<T> {
    const result = (await this.call('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value: T };
    };
    return result.result.value;
  }

  close(): void {
    this.ws.close();
  }
}

function countBy(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

function rssKiB(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

async function metricSum(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) sum += Number(match[1]);
  return sum;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the node counts no open connection, then collects garbage and reads what it holds. */
async function settle(node: NodeProcess, inspector: Inspector): Promise<Snapshot> {
  const deadline = Date.now() + 15_000;
  let connectionsOpen = await metricSum(node.port, 'danmaku_connections_open');
  while (connectionsOpen > 0 && Date.now() < deadline) {
    await sleep(200);
    connectionsOpen = await metricSum(node.port, 'danmaku_connections_open');
  }
  // Two collections: the first may only run finalizers that free more in the second.
  await inspector.call('HeapProfiler.collectGarbage');
  await inspector.call('HeapProfiler.collectGarbage');
  await sleep(1000);
  const memory = await inspector.evaluate<{ heapUsed: number; external: number }>('process.memoryUsage()');
  return {
    rssKiB: rssKiB(node.child.pid as number),
    heapUsedKiB: Math.round(memory.heapUsed / 1024),
    externalKiB: Math.round(memory.external / 1024),
    timers: await inspector.evaluate<number>('globalThis.__soakLiveTimers()'),
    resources: countBy(await inspector.evaluate<string[]>('process.getActiveResourcesInfo()')),
    listeners: Object.fromEntries(
      await inspector.evaluate<[string, number][]>(
        'process.eventNames().map((n) => [String(n), process.listenerCount(n)])',
      ),
    ),
    connectionsOpen,
    handlesMetric: await metricSum(node.port, 'nodejs_active_handles_total'),
  };
}

interface Churn {
  opened: number;
  closed: number;
  refused: number;
  failed: number;
  messages: number;
  stop(): Promise<void>;
}

/** Opens OPEN_PER_SEC viewers a second, each joining a room and leaving after a random lifetime. */
function churn(wsUrl: string): Churn {
  const live = new Set<WebSocket>();
  const state: Churn = { opened: 0, closed: 0, refused: 0, failed: 0, messages: 0, stop: () => Promise.resolve() };
  let due = 0;
  let stopping = false;
  const openOne = () => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    live.add(ws);
    ws.on('unexpected-response', (_req, res) => {
      state.refused++;
      res.resume();
      ws.terminate();
    });
    // Sockets still connecting when the churn stops end with an error by design.
    ws.on('error', () => {
      if (!stopping) state.failed++;
    });
    ws.on('message', () => state.messages++);
    ws.on('open', () => {
      state.opened++;
      ws.send(encodeClientFrame({ join: { room: `soak-${Math.floor(Math.random() * ROOMS)}` } }));
      const lifetime = LIFETIME_MS.min + Math.random() * (LIFETIME_MS.max - LIFETIME_MS.min);
      // Half leave politely, half vanish the way a phone losing its network does.
      setTimeout(() => (Math.random() < 0.5 ? ws.close() : ws.terminate()), lifetime);
    });
    ws.on('close', () => {
      if (live.delete(ws) && state.opened > state.closed) state.closed++;
    });
  };
  const timer = setInterval(() => {
    due += (OPEN_PER_SEC * TICK_MS) / 1000;
    for (; due >= 1; due--) openOne();
  }, TICK_MS);
  state.stop = async () => {
    clearInterval(timer);
    stopping = true;
    const closing = [...live].map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    for (const ws of live) ws.terminate();
    await Promise.all(closing);
  };
  return state;
}

/** One authenticated poster per room, each posting POSTS_PER_SEC comments a second. */
async function posters(wsUrl: string): Promise<{ acked: () => number; stop: () => void }> {
  const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
  let acked = 0;
  let sent = 0;
  const sockets = await Promise.all(
    Array.from({ length: ROOMS }, (_, r) => {
      const authorization = `Bearer ${signToken(SECRET, { sub: `poster-${r}`, name: `poster ${r}`, rooms: ['*'], role: 'viewer', exp })}`;
      const ws = new WebSocket(wsUrl, { headers: { authorization } });
      ws.on('message', () => acked++);
      return new Promise<WebSocket>((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    }),
  );
  const timer = setInterval(() => {
    for (const [r, ws] of sockets.entries())
      ws.send(encodeClientFrame({ comment: { room: `soak-${r}`, clientMsgId: `s${sent}`, text: `soak ${sent}` } }));
    sent++;
  }, 1000 / POSTS_PER_SEC);
  return {
    acked: () => acked,
    stop: () => {
      clearInterval(timer);
      for (const ws of sockets) ws.close();
    },
  };
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

async function phase(
  node: NodeProcess,
  inspector: Inspector,
  seconds: number,
): Promise<{ churned: Churn; snapshot: Snapshot }> {
  const wsUrl = `ws://127.0.0.1:${node.port}/ws`;
  const posting = await posters(wsUrl);
  const churned = churn(wsUrl);
  await sleep(seconds * 1000);
  await churned.stop();
  posting.stop();
  return { churned, snapshot: await settle(node, inspector) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'danmaku-soak-preload-'));
  const preload = join(dir, 'count-timers.mjs');
  writeFileSync(preload, PRELOAD);
  const node = await startNode(preload);
  const inspector = await Inspector.connect(node.inspectorUrl);
  try {
    console.log(
      `soak: ${SECONDS} s (warm-up ${WARMUP_SECONDS} s), ${OPEN_PER_SEC} connections/s, ${ROOMS} rooms x ${POSTS_PER_SEC} comments/s`,
    );
    const warm = await phase(node, inspector, WARMUP_SECONDS);
    const start = warm.snapshot;
    const startedAt = Date.now();
    const run = await phase(node, inspector, SECONDS - WARMUP_SECONDS);
    const end = run.snapshot;
    const seconds = (Date.now() - startedAt) / 1000;
    const { churned } = run;
    const rssChange = (end.rssKiB - start.rssKiB) / start.rssKiB;
    const table = [
      [
        'connections churned (after warm-up)',
        `${churned.closed} opened and closed (${Math.round(churned.closed / seconds)}/s), ${churned.refused} refused, ${churned.failed} errors`,
      ],
      ['messages received by viewers', String(churned.messages)],
      [
        'RSS after warm-up / at end',
        `${(start.rssKiB / 1024).toFixed(1)} MiB / ${(end.rssKiB / 1024).toFixed(1)} MiB (${(rssChange * 100).toFixed(1)} %)`,
      ],
      [
        'JS heap used after warm-up / at end',
        `${(start.heapUsedKiB / 1024).toFixed(1)} MiB / ${(end.heapUsedKiB / 1024).toFixed(1)} MiB`,
      ],
      [
        'external memory after warm-up / at end',
        `${(start.externalKiB / 1024).toFixed(1)} MiB / ${(end.externalKiB / 1024).toFixed(1)} MiB`,
      ],
      ['live timers after warm-up / at end', `${start.timers} / ${end.timers}`],
      [
        'active resources after warm-up / at end',
        `${JSON.stringify(start.resources)} / ${JSON.stringify(end.resources)}`,
      ],
      ['nodejs_active_handles_total', `${start.handlesMetric} / ${end.handlesMetric}`],
      ['process listeners', `${JSON.stringify(start.listeners)} / ${JSON.stringify(end.listeners)}`],
    ];
    for (const [name, value] of table) console.log(`${(name as string).padEnd(42)} ${value}`);
    const checks: [string, boolean][] = [
      ['connections were churned', churned.closed > 0 && churned.failed === 0],
      ['danmaku_connections_open is back to 0', end.connectionsOpen === 0],
      [
        `RSS within ${RSS_TOLERANCE * 100} % of its level after warm-up`,
        end.rssKiB <= start.rssKiB * (1 + RSS_TOLERANCE),
      ],
      ['no timer outlived the churn', end.timers <= start.timers],
      [
        'no handle or resource outlived the churn',
        sameCounts(start.resources, end.resources) && end.handlesMetric <= start.handlesMetric,
      ],
      ['no process listener added', sameCounts(start.listeners, end.listeners)],
    ];
    for (const [name, ok] of checks) console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}`);
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    inspector.close();
    node.child.kill('SIGTERM');
    await new Promise((resolve) => node.child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
