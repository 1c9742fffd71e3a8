/**
 * What the SDK core needs from a platform. An adapter (wx, browser, Node) implements it with the
 * platform's own socket, HTTP, storage and lifecycle APIs; the core touches nothing else.
 */
export interface Platform {
  /** Reported to the server in hello and telemetry: "wx", "web" or "node". */
  readonly name: string;
  openSocket(url: string, handlers: SocketHandlers): PlatformSocket;
  /** One HTTP POST (the long-poll transport). `done` is called exactly once unless aborted. */
  request(request: HttpRequest, done: (outcome: HttpOutcome) => void): { abort(): void };
  readonly storage: KeyValueStorage;
  /** Calls back when the network goes away or comes back; returns an unsubscribe function. */
  onNetworkChange(listener: (online: boolean) => void): () => void;
  /** Calls back when the app goes to the background or returns to the foreground. */
  onForegroundChange(listener: (foreground: boolean) => void): () => void;
}

export interface SocketHandlers {
  open(): void;
  message(data: Uint8Array): void;
  /** Called once when the socket ends or fails to open; httpStatus when the upgrade was answered with one. */
  close(info: CloseInfo): void;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  readonly httpStatus?: number;
  /** The Retry-After of a refused upgrade (429/503), when the platform can read it (browsers cannot). */
  readonly retryAfterMs?: number;
}

export interface PlatformSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly timeoutMs: number;
}

export type HttpOutcome = { readonly status: number; readonly body: Uint8Array } | { readonly error: string };

/** Synchronous string storage (wx storage, localStorage, or memory). */
export interface KeyValueStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Storage that lives as long as the process (Node, or a browser without localStorage). */
export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
  };
}
