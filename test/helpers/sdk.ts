import type { Test } from 'tap';
import type { ClientEvent, DanmakuClient } from 'danmaku-client';
import { createNodeClient } from 'danmaku-client/node';
import { token } from './node.js';

/** Every event type the SDK emits. */
export const EVENT_TYPES: readonly ClientEvent['type'][] = [
  'connecting',
  'open',
  'reconnecting',
  'closed',
  'danmaku',
  'joined',
  'join-retry',
  'gap',
  'recall',
  'notice',
  'presence',
  'posted',
  'rtt',
  'server-error',
  'token',
];

/** Records every event of an SDK client and lets a test wait for the next one that matches. */
export class EventLog {
  readonly events: ClientEvent[] = [];
  private cursor = new Map<string, number>();
  private waiters: { type: string; match: (e: ClientEvent) => boolean; resolve: (e: ClientEvent) => void }[] = [];

  constructor(client: DanmakuClient) {
    for (const type of EVENT_TYPES) client.on(type, (event) => this.record(event));
  }

  private record(event: ClientEvent): void {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.type === event.type && waiter.match(event)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        this.cursor.set(event.type, this.events.length);
        waiter.resolve(event);
        return;
      }
    }
  }

  of<T extends ClientEvent['type']>(type: T): Extract<ClientEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<ClientEvent, { type: T }> => e.type === type);
  }

  /** Texts of every danmaku drawn in a room, in order. */
  texts(room: string): string[] {
    return this.of('danmaku')
      .filter((e) => e.room === room)
      .flatMap((e) => e.items.map((d) => d.text));
  }

  /** The next event of a type (after the last one this returned) that matches. */
  next<T extends ClientEvent['type']>(
    type: T,
    match: (e: Extract<ClientEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<ClientEvent, { type: T }>> {
    const from = this.cursor.get(type) ?? 0;
    for (let i = from; i < this.events.length; i++) {
      const e = this.events[i] as ClientEvent;
      if (e.type === type && match(e as Extract<ClientEvent, { type: T }>)) {
        this.cursor.set(type, i + 1);
        return Promise.resolve(e as Extract<ClientEvent, { type: T }>);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${type}`)),
        timeoutMs,
      );
      this.waiters.push({
        type,
        match: (e) => match(e as Extract<ClientEvent, { type: T }>),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<ClientEvent, { type: T }>);
        },
      });
    });
  }
}

/**
 * An SDK client posting as `user` over `urls` (reconnecting fast: 50 ms doubling to 200 ms, for
 * ever), joined to `room`; resolves once `joined` arrived. Closed at `t`'s teardown.
 */
export async function joinedSdkClient(
  t: Test,
  urls: string[],
  user: string,
  room: string,
): Promise<{ readonly client: DanmakuClient; readonly log: EventLog }> {
  const client = createNodeClient({
    urls,
    token: token({ sub: user }),
    reconnect: { baseMs: 50, capMs: 200, maxAttempts: Infinity, stableAfterMs: 60_000 },
  });
  const log = new EventLog(client);
  t.teardown(() => client.close());
  client.join(room);
  client.connect();
  await log.next('joined', (j) => j.room === room);
  return { client, log };
}
