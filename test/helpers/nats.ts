import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsAuth } from '../../src/config/config.js';
import { waitFor } from './wait.js';

/** NATS connection settings for the tests' private server, which has no auth. */
export const NO_AUTH: NatsAuth = {
  user: undefined,
  password: undefined,
  token: undefined,
  credsFile: undefined,
  tlsCaFile: undefined,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Whether the process is stopped by a signal: the state field of /proc/<pid>/stat (proc(5)) is T. */
function processStopped(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may contain spaces: the state is the first field after its closing paren.
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
}

/** A private nats-server with JetStream for one test file: its own port and store dir, killable and restartable. */
export class NatsServer {
  private child: ChildProcess | undefined;
  readonly url: string;

  private constructor(
    readonly port: number,
    readonly storeDir: string,
    private readonly extraArgs: readonly string[],
  ) {
    this.url = `nats://127.0.0.1:${port}`;
  }

  /** extraArgs: more nats-server flags, e.g. ['--auth', token]. */
  static async start(extraArgs: readonly string[] = []): Promise<NatsServer> {
    const server = NatsServer.on(await freePort(), extraArgs);
    await server.launch();
    return server;
  }

  /** A server on a chosen client port with a fresh store dir, not yet launched (a cluster picks all its ports first). */
  static on(port: number, extraArgs: readonly string[]): NatsServer {
    return new NatsServer(port, mkdtempSync(join(tmpdir(), 'danmaku-nats-')), extraArgs);
  }

  /** True between launch and kill. */
  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the server on the same port and store dir and resolves once it reports ready. */
  launch(): Promise<void> {
    const child = spawn(
      '/usr/sbin/nats-server',
      ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.storeDir, ...this.extraArgs],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    // A test file that dies early (a throw before its teardown is registered) must not leave a server behind.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    return new Promise((resolve, reject) => {
      let log = '';
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Server is ready')) {
          child.stderr?.off('data', onData);
          child.stderr?.resume();
          resolve();
        }
      };
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code} before it was ready:\n${log}`)));
    });
  }

  /** SIGKILL: no clean shutdown, as in a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.child = undefined;
    child.kill('SIGKILL');
    await exited(child);
  }

  /**
   * SIGSTOP freezes the process with its sockets open (a stall); SIGCONT thaws it. Resolves once
   * the kernel reports the process stopped or running again (/proc/<pid>/stat), since delivery of
   * the signal is asynchronous.
   */
  async signal(signal: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    this.child?.kill(signal);
    const wanted = signal === 'SIGSTOP';
    await waitFor(`nats-server ${pid} to ${wanted ? 'stop' : 'continue'}`, () => processStopped(pid) === wanted, {
      timeoutMs: 2000,
      everyMs: 5,
    });
  }

  /** Forgets everything JetStream stored, as a server that lost its disk. Only while stopped. */
  wipeStore(): void {
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    await this.kill();
    this.wipeStore();
  }
}
