import { createClock, type TimerId } from '@sinonjs/fake-timers';
import {
  decodeClientFrame,
  encodeServerFrame,
  type ClientFrame,
  type ServerFrameProps,
} from '../../../src/protocol/codec.js';
import type { Clock } from '../../../packages/client/src/clock.js';
import {
  memoryStorage,
  type CloseInfo,
  type Platform,
  type SocketHandlers,
} from '../../../packages/client/src/platform.js';

/** A fake clock (@sinonjs/fake-timers) shaped as the SDK's Clock; `tick` moves time, `timers` counts what is pending. */
export function fakeClock(): { clock: Clock; tick(ms: number): void; timers(): number } {
  const fake = createClock(1_700_000_000_000);
  return {
    clock: {
      now: () => fake.now,
      setTimeout: (callback, delayMs) => fake.setTimeout(callback, delayMs),
      clearTimeout: (handle) => fake.clearTimeout(handle as TimerId),
    },
    tick: (ms) => void fake.tick(ms),
    timers: () => fake.countTimers(),
  };
}

/** One socket the SDK opened on the {@link ScriptedPlatform}: the test opens it, feeds it frames, ends it. */
export class ScriptedSocket {
  readonly sent: ClientFrame[] = [];
  closedByClient: { code: number; reason: string } | undefined;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  open(): void {
    this.handlers.open();
  }

  /** Delivers one server frame to the SDK. */
  receive(frame: ServerFrameProps): void {
    this.handlers.message(encodeServerFrame(frame));
  }

  /** Opens the socket and welcomes the client, as a node does. */
  welcome(heartbeatIntervalMs = 20_000): void {
    this.open();
    this.receive({ welcome: { sessionId: 's', nodeId: 'n', heartbeatIntervalMs } });
  }

  end(info: CloseInfo): void {
    this.handlers.close(info);
  }

  kinds(): string[] {
    return this.sent.map((f) => f.kind ?? '');
  }
}

/**
 * A platform for unit tests of the SDK core: sockets are scripted by the test (no network), storage
 * is in memory, network and foreground changes are fired by the test.
 */
export class ScriptedPlatform implements Platform {
  readonly name = 'test';
  readonly sockets: ScriptedSocket[] = [];
  readonly storage = memoryStorage();
  private readonly network = new Set<(online: boolean) => void>();

  openSocket(
    url: string,
    handlers: SocketHandlers,
  ): { send(data: Uint8Array): void; close(code: number, reason: string): void } {
    const socket = new ScriptedSocket(url, handlers);
    this.sockets.push(socket);
    return {
      send: (data) => {
        const decoded = decodeClientFrame(data);
        if (decoded.ok) socket.sent.push(decoded.frame);
      },
      close: (code, reason) => {
        socket.closedByClient = { code, reason };
      },
    };
  }

  request(): { abort(): void } {
    throw new Error('long-poll is not scripted in these tests');
  }

  onNetworkChange(listener: (online: boolean) => void): () => void {
    this.network.add(listener);
    return () => this.network.delete(listener);
  }

  onForegroundChange(): () => void {
    return () => undefined;
  }

  networkChanged(online: boolean): void {
    for (const listener of [...this.network]) listener(online);
  }

  get last(): ScriptedSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error('no socket was opened');
    return socket;
  }
}
