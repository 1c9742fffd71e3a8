import { spawn, type ChildProcess } from 'node:child_process';

/** One request over the IPC channel between the orchestrator and a load worker. */
interface Request {
  readonly id: number;
  readonly cmd: string;
  readonly args: unknown;
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export type Handlers = Record<string, (args: never) => unknown>;

/** Worker side: answers requests with the handler of the same name; exits when the orchestrator goes away. */
export function serve(handlers: Handlers): void {
  process.on('message', (raw: Request) => {
    const handler = handlers[raw.cmd] as ((args: unknown) => unknown) | undefined;
    const reply = (r: Reply) => process.send?.(r);
    if (handler === undefined) return reply({ id: raw.id, ok: false, error: `unknown command ${raw.cmd}` });
    Promise.resolve()
      .then(() => handler(raw.args))
      .then(
        (result) => reply({ id: raw.id, ok: true, result }),
        (err: unknown) => reply({ id: raw.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

/** Orchestrator side of one worker process. */
export class WorkerProcess {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly name: string,
  ) {
    child.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (waiter === undefined) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`${name}: ${reply.error}`));
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited with ${code}`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  /**
   * Starts a worker script with node (pinned with taskset when a core is given).
   * BENCH_LOAD_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" profiles every load worker.
   */
  static start(script: string, name: string, core: number | undefined): WorkerProcess {
    const node = [process.execPath, ...(process.env.BENCH_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean), script];
    const command = core === undefined ? node : ['taskset', '-c', String(core), ...node];
    const child = spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new WorkerProcess(child, name);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args } satisfies Request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.disconnect();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
