import type { PostResult } from './batcher.js';

interface Entry {
  readonly result: Promise<PostResult>;
  readonly at: number;
}

/**
 * Remembers the outcome of each (user, client_msg_id) for a window, so that a client retrying a
 * comment it got no ack for is answered with the original ack instead of posting it twice.
 * Only outcomes worth repeating are kept: a comment that failed to store may be retried for real.
 */
export class RetryCache {
  // A Map iterates in insertion order, so the oldest entries are always at the front.
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private expire(): void {
    const oldest = this.now() - this.windowMs;
    for (const [key, entry] of this.entries) {
      if (entry.at > oldest) break;
      this.entries.delete(key);
    }
  }

  get(userId: string, clientMsgId: string): Promise<PostResult> | undefined {
    this.expire();
    return this.entries.get(`${userId}\u0000${clientMsgId}`)?.result;
  }

  remember(userId: string, clientMsgId: string, result: Promise<PostResult>): void {
    const key = `${userId}\u0000${clientMsgId}`;
    this.entries.set(key, { result, at: this.now() });
    void result.then((r) => {
      if (!r.ok && this.entries.get(key)?.result === result) this.entries.delete(key);
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
