import { DanmakuClient, memoryStorage, type ClientOptions, type KeyValueStorage, type Platform } from '../index.js';
import { fetchRequest, type FetchLike } from './fetch-request.js';

export * from '../index.js';

/** The parts of a browser's WebSocket the adapter uses (no DOM typings needed to build it). */
interface BrowserWebSocket {
  binaryType: string;
  readonly readyState: number;
  onopen: (() => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: (() => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface BrowserGlobals extends EventTargetLike {
  readonly WebSocket: new (url: string) => BrowserWebSocket;
  readonly fetch: FetchLike;
  readonly localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  readonly document?: EventTargetLike & { readonly visibilityState: string };
}

function localStorageOf(globals: BrowserGlobals): KeyValueStorage {
  const local = globals.localStorage;
  if (local === undefined) return memoryStorage();
  const fallback = memoryStorage();
  return {
    get: (key) => {
      try {
        return local.getItem(key) ?? undefined;
      } catch {
        return fallback.get(key);
      }
    },
    set: (key, value) => {
      try {
        local.setItem(key, value);
      } catch {
        // Private mode or a full quota: keep the outbox for this page's life at least.
        fallback.set(key, value);
      }
    },
  };
}

function listen(target: EventTargetLike | undefined, type: string, listener: () => void): () => void {
  target?.addEventListener(type, listener);
  return () => target?.removeEventListener(type, listener);
}

/** Browser: WebSocket (binary as ArrayBuffer), fetch, localStorage, online/offline and visibilitychange. */
export function browserPlatform(globals: BrowserGlobals = globalThis as unknown as BrowserGlobals): Platform {
  return {
    name: 'web',
    openSocket(url, handlers) {
      const ws = new globals.WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => handlers.open();
      ws.onmessage = (event) => {
        if (event.data instanceof ArrayBuffer) handlers.message(new Uint8Array(event.data));
      };
      // Browsers hide the upgrade's HTTP status; a refused token is seen through hello instead (close 4100).
      ws.onclose = (event) => handlers.close({ code: event.code, reason: event.reason });
      ws.onerror = () => undefined;
      return {
        send: (data) => {
          if (ws.readyState === 1) ws.send(data);
        },
        close: (code, reason) => ws.close(code, reason),
      };
    },
    request: fetchRequest((url, init) => globals.fetch(url, init)),
    storage: localStorageOf(globals),
    onNetworkChange(listener) {
      const offOnline = listen(globals, 'online', () => listener(true));
      const offOffline = listen(globals, 'offline', () => listener(false));
      return () => {
        offOnline();
        offOffline();
      };
    },
    onForegroundChange(listener) {
      const doc = globals.document;
      return listen(doc, 'visibilitychange', () => listener(doc?.visibilityState === 'visible'));
    },
  };
}

/** A client on the page's WebSocket, fetch and localStorage; call `connect()` to start. */
export function createBrowserClient(options: Omit<ClientOptions, 'platform'>): DanmakuClient {
  return new DanmakuClient({ ...options, platform: browserPlatform() });
}
