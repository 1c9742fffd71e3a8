import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsAuth } from '../../src/config/config.js';

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
    const server = new NatsServer(await freePort(), mkdtempSync(join(tmpdir(), 'danmaku-nats-')), extraArgs);
    await server.launch();
    return server;
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

  /** SIGSTOP / SIGCONT: a stalled server whose TCP connections stay up (what a GC pause or a hung disk looks like). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
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
