import type { WebSocket } from 'uWebSockets.js';
import type { Metrics } from '../metrics/metrics.js';

/** What the RTT probe keeps per socket, in its uWS user data. */
export interface RttState {
  /** Token carried by the outstanding probe ping; 0 when none is outstanding. */
  rttToken: number;
  /** monotonicMs() when that ping was sent (whole milliseconds, see monotonicMs). */
  rttSentAt: number;
}

/**
 * Server-measured round trip: the server sends its own WebSocket ping carrying a 4-byte token and
 * times the pong that echoes it, both ends of the interval on the server's monotonic clock.
 * The application Ping cannot serve: its client_time_ms is the client's clock, and subtracting it
 * from ours measures clock skew, not latency. The pong is answered by the client's WebSocket stack
 * (browser, wx, ws), so the figure is network plus the client's receive path. uWS's own automatic
 * pings carry no payload and never match a token, so they do not disturb the measurement.
 */
export class RttProbe {
  private nextToken = 1;
  private readonly payload = new DataView(new ArrayBuffer(4));

  constructor(
    private readonly intervalMs: number,
    private readonly metrics: Metrics,
  ) {}

  /** Sends a probe to this socket if its last one is older than the interval (called from a periodic sweep). */
  maybePing(ws: WebSocket<unknown>, state: RttState, now: number): void {
    if (state.rttSentAt !== 0 && now - state.rttSentAt < this.intervalMs) return;
    // An unanswered probe is simply replaced: the idle timeout, not this probe, decides a socket is dead.
    const token = this.nextToken;
    this.nextToken = this.nextToken >= 0xffffffff ? 1 : this.nextToken + 1;
    this.payload.setUint32(0, token);
    state.rttToken = token;
    state.rttSentAt = now;
    ws.ping(this.payload.buffer);
  }

  pong(state: RttState, message: ArrayBuffer, now: number): void {
    if (state.rttToken === 0 || message.byteLength !== 4 || new DataView(message).getUint32(0) !== state.rttToken)
      return;
    state.rttToken = 0;
    this.metrics.heartbeatRtt.observe((now - state.rttSentAt) / 1000);
  }
}
