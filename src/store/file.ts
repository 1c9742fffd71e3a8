import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  StoreClosedError,
  StoreUnavailableError,
  notify,
  type StateStore,
  type StoreOperation,
  type StoreTelemetry,
} from './store.js';

type Listener = (key: string, value: string | undefined) => void;
type Change = readonly [key: string, value: string | undefined];

/**
 * The single-node StateStore: every entry in one JSON file under DATA_DIR. Each write rewrites the
 * file as a temp file, fsyncs it and renames it over the old one, so a crash leaves either the old
 * or the new state, never a torn file. Changes made while a write is in flight are coalesced into
 * the next write: moderators act a few times a second at most, the file stays small.
 *
 * A write that fails (disk full, directory gone) fails every change it carried with
 * StoreUnavailableError, and none of them is applied: the in-memory state is only ever the file's
 * content, so a later write cannot make a change its caller was told failed durable after all.
 */
export class FileStore implements StateStore {
  /** What the file holds. */
  private entries = new Map<string, string>();
  private readonly listeners: Listener[] = [];
  /** Changes for the next write, in order. */
  private pending: Change[] = [];
  private next: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly telemetry: StoreTelemetry,
  ) {}

  /**
   * Reads DATA_DIR/fileName. Throws (refusing to start) when the file cannot be read, is not valid
   * JSON, or is not an object of strings: starting with an empty state would silently lift every ban.
   */
  static async open(
    dataDir: string,
    telemetry: StoreTelemetry,
    fileName = 'moderation-state.json',
  ): Promise<FileStore> {
    await mkdir(dataDir, { recursive: true });
    const store = new FileStore(join(dataDir, fileName), telemetry);
    let raw: string | undefined;
    try {
      raw = await readFile(store.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new StoreUnavailableError(`${store.path}: cannot read the state file`, { cause: err });
    }
    if (raw === undefined) return store;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw new Error(`${store.path}: not valid JSON (${(err as Error).message}); fix or remove it`, { cause: err });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`${store.path}: not a JSON object; fix or remove it`);
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string')
        throw new Error(`${store.path}: the value of "${key}" is not a string; fix or remove it`);
      store.entries.set(key, value);
    }
    return store;
  }

  watch(onChange: Listener): Promise<void> {
    if (this.closed) return Promise.reject(this.refuse('watch'));
    for (const [key, value] of this.entries) notify(this.telemetry, onChange, key, value);
    this.listeners.push(onChange);
    return Promise.resolve();
  }

  put(key: string, value: string): Promise<void> {
    return this.change('put', key, value);
  }

  delete(key: string): Promise<void> {
    return this.change('delete', key, undefined);
  }

  private refuse(operation: StoreOperation): StoreClosedError {
    this.telemetry.failures.inc({ operation, kind: 'closed' });
    return new StoreClosedError(operation);
  }

  private change(operation: StoreOperation, key: string, value: string | undefined): Promise<void> {
    if (this.closed) return Promise.reject(this.refuse(operation));
    this.pending.push([key, value]);
    // A failed write has already failed its own callers (below); the next write starts regardless.
    this.next ??= this.writing
      // eslint-disable-next-line local/handled-errors -- a failed write already failed its own callers
      .catch(() => undefined)
      .then(() => {
        const batch = this.pending;
        this.pending = [];
        this.next = undefined;
        this.writing = this.write(batch);
        return this.writing;
      });
    return this.next;
  }

  private async write(batch: readonly Change[]): Promise<void> {
    const next = new Map(this.entries);
    for (const [key, value] of batch) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    try {
      await this.writeFile(next);
    } catch (err) {
      for (const [, value] of batch)
        this.telemetry.failures.inc({ operation: value === undefined ? 'delete' : 'put', kind: 'unavailable' });
      throw new StoreUnavailableError(
        `${this.path}: cannot write the state file; ${batch.length} change(s) not applied`,
        {
          cause: err,
        },
      );
    }
    this.entries = next;
    for (const [key, value] of batch)
      for (const listener of this.listeners) notify(this.telemetry, listener, key, value);
  }

  private async writeFile(entries: ReadonlyMap<string, string>): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      const file = await open(temp, 'w');
      try {
        await file.writeFile(JSON.stringify(Object.fromEntries(entries)));
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path);
    } catch (err) {
      await rm(temp, { force: true }).catch((cleanup: unknown) =>
        this.telemetry.log.warn({ err: cleanup, path: temp }, 'cannot remove the temp state file of a failed write'),
      );
      throw err;
    }
  }

  /** Refuses new changes and waits for the ones already made to be written (or to fail to their callers). */
  async close(): Promise<void> {
    this.closed = true;
    // Failures reached the callers of the changes concerned; close only waits.
    // eslint-disable-next-line local/handled-errors -- see above
    await (this.next ?? this.writing).catch(() => undefined);
  }
}
