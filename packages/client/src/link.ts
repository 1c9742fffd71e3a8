import { encodeClientFrame, type ClientFrameProps } from '../../../src/protocol/codec.js';
import type { PlatformSocket } from './platform.js';

/** One connection to a server, whatever carries it (a WebSocket, or long-poll requests). */
export interface Link {
  send(frame: ClientFrameProps): void;
  /** Ends the link from the client side; its close handler is not called. */
  close(code: number, reason: string): void;
}

export class SocketLink implements Link {
  constructor(private readonly socket: PlatformSocket) {}

  send(frame: ClientFrameProps): void {
    this.socket.send(encodeClientFrame(frame));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
}
