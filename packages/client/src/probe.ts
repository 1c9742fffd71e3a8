import { CloseCode } from '../../../src/protocol/close-codes.js';
import { Timer, type Clock } from './clock.js';
import type { Platform, PlatformSocket } from './platform.js';

/**
 * While the client is on long-poll: every `intervalMs` a bare WebSocket to `url()`; as soon as one
 * opens, `onOpen` moves the client back to WebSocket. A probe that neither opens nor fails within
 * `connectTimeoutMs` is abandoned, so a black-holed network never piles up sockets.
 */
export class WebSocketProbe {
  private readonly interval: Timer;
  private readonly deadline: Timer;
  private socket: PlatformSocket | undefined;

  constructor(
    private readonly platform: Platform,
    clock: Clock,
    private readonly intervalMs: number,
    private readonly connectTimeoutMs: number,
    private readonly url: () => string,
    private readonly onOpen: () => void,
  ) {
    this.interval = new Timer(clock);
    this.deadline = new Timer(clock);
  }

  start(): void {
    this.stop();
    this.interval.repeat(this.intervalMs, () => this.tryOnce());
  }

  stop(): void {
    this.interval.stop();
    this.endProbe();
  }

  private tryOnce(): void {
    this.endProbe();
    const socket = this.platform.openSocket(this.url(), {
      open: () => {
        if (socket !== this.socket) return;
        this.endProbe();
        this.onOpen();
      },
      message: () => undefined,
      close: () => {
        if (socket !== this.socket) return;
        this.socket = undefined;
        this.deadline.stop();
      },
    });
    this.socket = socket;
    this.deadline.start(this.connectTimeoutMs, () => this.endProbe());
  }

  private endProbe(): void {
    this.deadline.stop();
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(CloseCode.NORMAL, 'probe');
  }
}
