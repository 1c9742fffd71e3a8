import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { StateStore } from './store.js';

type Listener = (key: string, value: string | undefined) => void;

/**
 * The single-node StateStore: every entry in one JSON file under DATA_DIR. Each change rewrites the
 * file as a temp file, fsyncs it and renames it over the old one, so a crash leaves either the old
 * or the new state, never a torn file. Changes made while a write is in flight are coalesced into
 * the next write: moderators act a few times a second at most, the file stays small.
 */
export class FileStore implements StateStore {
  private readonly entries = new Map<string, string>();
  private readonly listeners: Listener[] = [];
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private closed = false;

  private constructor(private readonly path: string) {}

  static async open(dataDir: string, fileName = 'moderation-state.json'): Promise<FileStore> {
    await mkdir(dataDir, { recursive: true });
    const store = new FileStore(join(dataDir, fileName));
    let raw: string | undefined;
    try {
      raw = await readFile(store.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (raw !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (err) {
        // Starting with an empty state would silently lift every ban: refuse to start instead.
        throw new Error(`${store.path}: not valid JSON (${(err as Error).message}); fix or remove it`, { cause: err });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error(`${store.path}: not a JSON object`);
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'string') store.entries.set(key, value);
      }
    }
    return store;
  }

  watch(onChange: Listener): Promise<void> {
    for (const [key, value] of this.entries) onChange(key, value);
    this.listeners.push(onChange);
    return Promise.resolve();
  }

  async put(key: string, value: string): Promise<void> {
    await this.change(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.change(key, undefined);
  }

  private async change(key: string, value: string | undefined): Promise<void> {
    if (this.closed) throw new Error('state store closed');
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, value);
    await this.persist();
    for (const listener of this.listeners) listener(key, value);
  }

  private persist(): Promise<void> {
    // A failed write fails its own callers only; the next change writes the whole state again.
    this.queued ??= this.writing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.writing = this.writeFile();
        return this.writing;
      });
    return this.queued;
  }

  private async writeFile(): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    const file = await open(temp, 'w');
    try {
      await file.writeFile(JSON.stringify(Object.fromEntries(this.entries)));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, this.path);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writing.catch(() => undefined);
  }
}
