import type { Bus, Signal } from '../bus/bus.js';
import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';

/** This node's viewer counts, as the RoomHub keeps them. */
export interface LocalViewers {
  roomNames(): Iterable<string>;
  localViewers(room: string): number;
}

export interface PresenceOptions {
  readonly intervalMs?: number;
  /** A remote count not refreshed for this long is dropped (its node stopped or lost the bus). */
  readonly expiryMs?: number;
  /** Rooms per signal, so one signal stays far below NATS's default 1 MiB max payload. */
  readonly roomsPerSignal?: number;
}

interface RemoteCount {
  readonly count: number;
  readonly at: number;
}

const SIGNAL_TYPE = 'presence';

/**
 * Whole-room viewer counts across nodes. Every node broadcasts its local count of each room with
 * viewers once per interval over bus signals; a count that is not refreshed expires, so a node that
 * died stops counting after a few seconds. Signals are at most once: a lost one only delays a count.
 * With the memory bus only this node's own signals arrive, which it skips: the total is the local count.
 */
export class Presence {
  // room → node → count
  private readonly remote = new Map<string, Map<string, RemoteCount>>();
  private announced = new Set<string>();
  private changed: (room: string) => void = () => undefined;
  private readonly broadcasting: Periodic;
  private readonly intervalMs: number;
  private readonly expiryMs: number;
  private readonly roomsPerSignal: number;
  private readonly now: () => number;

  constructor(
    private readonly bus: Bus,
    private readonly nodeId: string,
    private readonly local: LocalViewers,
    scheduler: Scheduler,
    options: PresenceOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.expiryMs = options.expiryMs ?? 3500;
    this.roomsPerSignal = options.roomsPerSignal ?? 2000;
    this.now = scheduler.now;
    bus.onSignal((message) => this.receive(message));
    this.broadcasting = scheduler.every('presence broadcast', this.intervalMs, () => this.broadcast());
  }

  /** Viewers of a room on every node: this node's count now plus the freshest count of each other node. */
  total(room: string): number {
    let total = this.local.localViewers(room);
    const nodes = this.remote.get(room);
    if (nodes === undefined) return total;
    const oldest = this.now() - this.expiryMs;
    for (const entry of nodes.values()) if (entry.at >= oldest) total += entry.count;
    return total;
  }

  /** Called when another node's count of a room changed, arrived or expired, with the room's name. */
  onRemoteChange(listener: (room: string) => void): void {
    this.changed = listener;
  }

  private broadcast(): void {
    this.expire();
    const counts: [string, number][] = [];
    const current = new Set<string>();
    for (const room of this.local.roomNames()) {
      const viewers = this.local.localViewers(room);
      if (viewers <= 0) continue;
      counts.push([room, viewers]);
      current.add(room);
    }
    // A room this node just emptied is sent once as 0, so others stop counting it before expiry.
    for (const room of this.announced) if (!current.has(room)) counts.push([room, 0]);
    this.announced = current;
    this.send(counts);
  }

  /** Signals `counts` (room, viewers here), at most roomsPerSignal rooms per signal. */
  private send(counts: readonly (readonly [string, number])[]): void {
    for (let i = 0; i < counts.length; i += this.roomsPerSignal) {
      const rooms = Object.fromEntries(counts.slice(i, i + this.roomsPerSignal));
      // Best effort by design: while the bus is down no count can be sent, and others expire ours.
      // eslint-disable-next-line local/handled-errors -- a lost count only delays it (see above)
      this.bus.signal({ type: SIGNAL_TYPE, node: this.nodeId, rooms }).catch(() => undefined);
    }
  }

  private receive(message: Signal): void {
    if (message.type !== SIGNAL_TYPE || message.node === this.nodeId || typeof message.node !== 'string') return;
    const rooms = message.rooms;
    if (typeof rooms !== 'object' || rooms === null) return;
    const at = this.now();
    for (const [room, count] of Object.entries(rooms as Record<string, unknown>)) {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) continue;
      let nodes = this.remote.get(room);
      if (nodes === undefined) {
        nodes = new Map();
        this.remote.set(room, nodes);
      }
      const before = nodes.get(message.node)?.count ?? 0;
      if (count === 0) nodes.delete(message.node);
      else nodes.set(message.node, { count, at });
      if (nodes.size === 0) this.remote.delete(room);
      if (count !== before) this.changed(room);
    }
  }

  private expire(): void {
    const oldest = this.now() - this.expiryMs;
    for (const [room, nodes] of this.remote) {
      let expired = false;
      for (const [node, entry] of nodes) {
        if (entry.at >= oldest) continue;
        nodes.delete(node);
        expired = true;
      }
      if (nodes.size === 0) this.remote.delete(room);
      if (expired) this.changed(room);
    }
  }

  /**
   * Stops broadcasting and tells the other nodes this node counts no viewer any more (0 for every
   * room it announced), so a draining node's viewers, reconnecting to other nodes, are not counted
   * twice until its counts expire. Call it while the bus is still open (it is closed after presence).
   */
  close(): void {
    this.broadcasting.cancel();
    this.send([...this.announced].map((room) => [room, 0] as const));
    this.announced = new Set();
  }
}
