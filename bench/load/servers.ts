import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Protocol } from './clients.js';
import { PROBE_MARK, mergeProbes, type LoopProbe } from './probe.js';

/** A server under test: its processes (for /proc), where clients connect, and how to stop it. */
export interface RunningServer {
  readonly name: string;
  readonly protocol: Protocol;
  /** host:port of every node clients spread over. */
  readonly targets: readonly string[];
  /** Clients connect to their room's rendezvous node (the SDK's roomAffinity) instead of round-robin. */
  readonly roomAffinity?: boolean;
  /** Every process whose CPU and memory count as the server's (nats-server included). */
  readonly pids: readonly number[];
  /** Event loop and GC of the server's Node processes since the last call (undefined when none answers). */
  probe(): Promise<LoopProbe | undefined>;
  /** A cluster's nats-server: messages it has received and sent since it started (`/varz` in_msgs, out_msgs). */
  natsMessages?(): Promise<NatsMessages>;
  /** A cluster's nats-server: its Go CPU profile over the next `seconds` (pprof's profile.proto, gzipped). */
  natsCpuProfile?(seconds: number): Promise<Uint8Array>;
  stop(): Promise<void>;
}

/** Counts from nats-server's `/varz` monitoring endpoint (NATS docs, "Monitoring": General Information). */
export interface NatsMessages {
  readonly in: number;
  readonly out: number;
}

async function readVarz(monitorPort: number): Promise<NatsMessages> {
  const res = await fetch(`http://127.0.0.1:${monitorPort}/varz`, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`nats-server /varz: HTTP ${res.status}`);
  const varz = (await res.json()) as { in_msgs: number; out_msgs: number };
  return { in: varz.in_msgs, out: varz.out_msgs };
}

async function readPprof(profilePort: number, seconds: number): Promise<Uint8Array> {
  const res = await fetch(`http://127.0.0.1:${profilePort}/debug/pprof/profile?seconds=${seconds}`, {
    signal: AbortSignal.timeout((seconds + 10) * 1000),
  });
  if (!res.ok) throw new Error(`nats-server profile: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export const AUTH_SECRET = 'bench-secret-0123456789abcdef';

/** A compiled script beside this one (the harness always runs from compiled JavaScript). */
export const scriptPath = (relative: string): string => fileURLToPath(new URL(`${relative}.js`, import.meta.url));

/** Where processes run: every server process on serverCore, load workers spread over loadCores (empty: not pinned). */
export interface Pinning {
  readonly serverCore: number | undefined;
  readonly loadCores: readonly number[];
}

const PROBE_LINE = new RegExp(`${PROBE_MARK}(\\{[^\\n]*\\})\\n`);

class ServerProcess {
  private readonly tail: string[] = [];
  readonly exited: Promise<void>;

  constructor(
    readonly child: ChildProcess,
    readonly label: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.tail.push(...chunk.toString().split('\n').filter(Boolean));
      this.tail.splice(0, Math.max(0, this.tail.length - 20));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get output(): string {
    return this.tail.join('\n');
  }

  /** Resolves with the first capture of `pattern` in the output, or rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      let seen = '';
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        const match = pattern.exec(seen);
        if (match) done(() => resolve(match[1] ?? match[0]));
      };
      const onExit = () => done(() => reject(new Error(`${this.label} exited before it was ready:\n${this.output}`)));
      const timer = setTimeout(
        () => done(() => reject(new Error(`${this.label} not ready after ${timeoutMs} ms:\n${this.output}`))),
        timeoutMs,
      );
      const done = (then: () => void) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.stderr?.off('data', onData);
        this.child.off('exit', onExit);
        then();
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', onExit);
    });
  }

  /** The loop probe's figures since its last report (see loop-probe.ts); undefined if it does not answer. */
  async probe(): Promise<LoopProbe | undefined> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return undefined;
    const line = this.waitFor(PROBE_LINE, 5000);
    this.child.kill('SIGUSR2');
    try {
      return JSON.parse(await line) as LoopProbe;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

function launch(
  label: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  core: number | undefined,
): ServerProcess {
  const pinned = core === undefined ? [command, ...args] : ['taskset', '-c', String(core), command, ...args];
  const child = spawn(pinned[0] as string, pinned.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new ServerProcess(child, label);
}

// Every Node server process, ours and the peers', runs with the loop probe preloaded.
// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results/profiles" profiles every server process.
const nodeArgs = (script: string): string[] => [
  '--import',
  new URL('./loop-probe.js', import.meta.url).href,
  ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  script,
];

const probeAll = async (procs: readonly ServerProcess[]) =>
  mergeProbes((await Promise.all(procs.map((p) => p.probe()))).filter((p): p is LoopProbe => p !== undefined));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * BENCH_DANMAKU_ENV="HISTORY_MAX_BATCHES=1,BATCH_DEFLATE_MIN_BYTES=off": settings for every node of
 * this server in every scenario (an A/B run of one setting), applied before a scenario's own.
 */
export function settingsFromEnv(raw: string | undefined): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',').filter((p) => p.trim() !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`BENCH_DANMAKU_ENV: expected NAME=value, got "${pair}"`);
    settings[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return settings;
}

/** Environment of a node of this server under load: high per-user limits for posters, quiet logs. */
export function danmakuEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    AUTH_SECRET,
    // Posters stand for many users each: lift the per-user limits the way many real users would.
    COMMENT_RATE_PER_SEC: '100000',
    COMMENT_BURST: '100000',
    // Every load client comes from 127.0.0.1 and the peers have no such limits: lift the per-IP and
    // admission limits, and the per-room broadcast budget (the peers deliver every comment).
    MAX_CONNECTIONS_PER_IP: '1000000',
    UPGRADE_RATE_PER_IP: '1000000',
    UPGRADE_RATE: '1000000',
    ROOM_RATE_PER_SEC: '1000000',
    // Info logs one line per connection close; the peers log nothing, so neither does this server.
    LOG_LEVEL: 'warn',
    ...settingsFromEnv(process.env.BENCH_DANMAKU_ENV),
    ...extra,
  };
}

async function startDanmakuNode(
  label: string,
  env: NodeJS.ProcessEnv,
  core: number | undefined,
): Promise<{ proc: ServerProcess; target: string }> {
  const proc = launch(label, process.execPath, nodeArgs(scriptPath('../../src/main')), env, core);
  try {
    const port = await proc.waitFor(/listening: http:\/\/[\d.]+:(\d+)\//);
    return { proc, target: `127.0.0.1:${port}` };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

export async function startDanmaku(
  name: string,
  extraEnv: Record<string, string>,
  pin: Pinning,
): Promise<RunningServer> {
  const { proc, target } = await startDanmakuNode(name, danmakuEnv(extraEnv), pin.serverCore);
  return {
    name,
    protocol: 'danmaku',
    targets: [target],
    pids: [proc.pid],
    probe: () => probeAll([proc]),
    stop: () => proc.stop(),
  };
}

/**
 * Starts `nodes` nodes of this server one after another (node i with `env(i)`, i from 1), each
 * pushed onto `started` as soon as it runs so the caller can stop them if a later one fails;
 * resolves with their addresses in order.
 */
async function startNodes(
  name: string,
  nodes: number,
  pin: Pinning,
  started: ServerProcess[],
  env: (i: number) => Record<string, string>,
): Promise<string[]> {
  const targets: string[] = [];
  for (let i = 1; i <= nodes; i++) {
    const { proc, target } = await startDanmakuNode(`${name} node ${i}`, danmakuEnv(env(i)), pin.serverCore);
    started.push(proc);
    targets.push(target);
  }
  return targets;
}

/**
 * Three nodes of this server joined by a private nats-server with JetStream. The caller checks that
 * they really share rooms (a build without the NATS bus ignores NATS_URL and runs three islands).
 * `roomAffinity`: load clients connect to their room's rendezvous node, not round-robin.
 */
export async function startDanmakuCluster(
  name: string,
  nodes: number,
  pin: Pinning,
  roomAffinity = false,
): Promise<RunningServer> {
  const natsPort = await freePort();
  const monitorPort = await freePort();
  const profilePort = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'danmaku-bench-nats-'));
  const nats = launch(
    'nats-server',
    '/usr/sbin/nats-server',
    [
      '-js',
      '-a',
      '127.0.0.1',
      '-p',
      String(natsPort),
      '-m',
      String(monitorPort),
      '--profile',
      String(profilePort),
      '-sd',
      storeDir,
    ],
    process.env,
    pin.serverCore,
  );
  const started: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
    await nats.stop();
    rmSync(storeDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(natsPort, 10_000);
    const targets = await startNodes(name, nodes, pin, started, (i) => ({
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      NODE_ID: `bench-node-${i}`,
    }));
    return {
      name,
      protocol: 'danmaku',
      targets,
      roomAffinity,
      pids: [...started.map((p) => p.pid), nats.pid],
      probe: () => probeAll(started),
      natsMessages: () => readVarz(monitorPort),
      natsCpuProfile: (seconds) => readPprof(profilePort, seconds),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Three nodes of this server that share nothing (each on its own memory bus, no NATS), with every
 * load client on its room's rendezvous node as in the room-affine cluster: each node serves its
 * rooms alone. Not a product layout (a viewer on another node would not see the room); the baseline
 * for the cluster's CPU, what three processes cost for the same load before any coordination. Each
 * poster worker needs a poster on every node (the poster worker refuses to start otherwise): a
 * comment sent on another node than its room's would reach nobody. The nodes keep the memory bus's
 * batching defaults (`BATCH_ALIGN_MS` 5, where a NATS node's is 20), as the one-node row does.
 */
export async function startDanmakuShards(name: string, nodes: number, pin: Pinning): Promise<RunningServer> {
  const started: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
  };
  try {
    // NATS_URL empty: unjoined even when the caller's environment names a NATS server.
    const targets = await startNodes(name, nodes, pin, started, (i) => ({ NATS_URL: '', NODE_ID: `bench-shard-${i}` }));
    return {
      name,
      protocol: 'danmaku',
      targets,
      roomAffinity: true,
      pids: started.map((p) => p.pid),
      probe: () => probeAll(started),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The peers in bench/load/peers/: the bare uWS + protobuf ceiling (this server's wire), Socket.IO, ws. */
export type PeerId = 'bare' | 'socketio' | 'ws';

const PEERS: Record<PeerId, { readonly script: string; readonly protocol: Protocol }> = {
  bare: { script: './peers/bare-server', protocol: 'danmaku' },
  socketio: { script: './peers/socketio-server', protocol: 'socketio' },
  ws: { script: './peers/ws-server', protocol: 'ws' },
};

export async function startPeer(name: string, id: PeerId, pin: Pinning): Promise<RunningServer> {
  const { script, protocol } = PEERS[id];
  const proc = launch(
    name,
    process.execPath,
    nodeArgs(scriptPath(script)),
    { ...process.env, PORT: '0' },
    pin.serverCore,
  );
  try {
    const port = await proc.waitFor(/listening (\d+)/);
    return {
      name,
      protocol,
      targets: [`127.0.0.1:${port}`],
      pids: [proc.pid],
      probe: () => probeAll([proc]),
      stop: () => proc.stop(),
    };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}
