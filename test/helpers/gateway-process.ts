import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET } from './node.js';
import { ROOT } from './root.js';

export const MAIN = join(ROOT, 'dist/src/main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The processes run the compiled server: refuse to test a build older than the sources. */
function assertBuilt(): void {
  let built: number;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    throw new Error(`${MAIN} is missing: run "npm run build" first`);
  }
  if (newestMtime(join(ROOT, 'src')) > built) throw new Error('dist/ is older than src/: run "npm run build" first');
}

/** A gateway node in its own process (`node dist/src/main.js`), as in production; killable like one. */
export class GatewayProcess {
  private output = '';
  private killedByTest = false;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly nodeId: string,
    readonly port: number,
    startup: string,
  ) {
    this.output = startup;
    const keep = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // 'close', not 'exit': the process may exit before its last stdout lines are read, and a test
    // reading the log after the exit must see them.
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** True when the process ended without the test ending it. */
  get crashed(): boolean {
    return !this.killedByTest && (this.child.exitCode !== null || this.child.signalCode !== null);
  }

  /** Everything the process wrote, start-up banner included (its pino log goes to stdout). */
  get log(): string {
    return this.output;
  }

  /**
   * Starts a node on a free port (PORT=0) and resolves with the port it printed once listening;
   * `nodeArgs` go to node before the script (flags NODE_OPTIONS refuses, such as --cpu-prof).
   */
  static start(nodeId: string, env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<GatewayProcess> {
    assertBuilt();
    const child = spawn(process.execPath, [...nodeArgs, MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_SECRET: SECRET,
        NODE_ID: nodeId,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    return new Promise((resolve, reject) => {
      let out = '';
      let errors = '';
      child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening: http:\/\/[\d.]+:(\d+)\//.exec(out);
        if (match === null) return;
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(new GatewayProcess(child, nodeId, Number(match[1]), out));
      };
      const onExit = (code: number | null) =>
        reject(new Error(`node ${nodeId} exited with ${code} before listening:\n${out}\n${errors}`));
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
  }

  async readyStatus(): Promise<number> {
    return (await fetch(`${this.url}/readyz`)).status;
  }

  /** Ends the process with a signal (SIGKILL: a crash, no drain) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.killedByTest = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

/**
 * `node dist/src/main.js` watched from its first line, for start-ups that fail or wait: the test
 * waits for what it prints, or for its exit. Unlike {@link GatewayProcess} no variable is set for it
 * but PATH.
 */
export class StartingProcess {
  private text = '';
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.text += chunk.toString();
      for (const wake of this.waiters) wake();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static spawn(env: Record<string, string>): StartingProcess {
    assertBuilt();
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    return new StartingProcess(child);
  }

  /** stdout and stderr so far, interleaved as they came. */
  get output(): string {
    return this.text;
  }

  /** Resolves once the output contains `text`; rejects after timeoutMs or when the process exits first. */
  waitFor(text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.text.includes(text)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "${text}" within ${timeoutMs} ms; output:\n${this.text}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      void this.exited.then(() => {
        if (!this.waiters.has(check)) return;
        done();
        reject(new Error(`exited before printing "${text}"; output:\n${this.text}`));
      });
      check();
    });
  }

  /** Ends the process (SIGKILL unless told otherwise) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}
