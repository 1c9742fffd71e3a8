import { Timer, type Clock } from './clock.js';

export interface HeartbeatHooks {
  /** Send a ping stamped with this time (ms since the epoch). */
  ping(clientTimeMs: number): void;
  /** No pong came within the pong timeout: the path is dead. */
  dead(): void;
  /** A pong came back after `rttMs` ms. */
  rtt(rttMs: number): void;
}

/**
 * Application heartbeat on an open connection: a ping every interval (the server's
 * `welcome.heartbeat_interval_ms`), at most one outstanding; no pong within `pongTimeoutMs` and
 * the connection counts as dead. Mini-programs expose no WebSocket ping frames, hence pings in
 * the protocol.
 */
export class Heartbeat {
  private readonly interval: Timer;
  private readonly pongDeadline: Timer;

  constructor(
    private readonly clock: Clock,
    private readonly pongTimeoutMs: number,
    private readonly hooks: HeartbeatHooks,
  ) {
    this.interval = new Timer(clock);
    this.pongDeadline = new Timer(clock);
  }

  start(intervalMs: number): void {
    this.stop();
    this.interval.repeat(intervalMs, () => this.check());
  }

  /** Pings now (the network may have changed), unless a ping is already waiting for its pong. */
  check(): void {
    if (this.pongDeadline.pending) return;
    this.hooks.ping(this.clock.now());
    this.pongDeadline.start(this.pongTimeoutMs, () => this.hooks.dead());
  }

  pong(clientTimeMs: number): void {
    this.pongDeadline.stop();
    this.hooks.rtt(this.clock.now() - clientTimeMs);
  }

  stop(): void {
    this.interval.stop();
    this.pongDeadline.stop();
  }
}
