import WebSocket from 'ws';
import { DanmakuClient, memoryStorage, type ClientOptions, type KeyValueStorage, type Platform } from '../index.js';
import { fetchRequest } from './fetch-request.js';

export * from '../index.js';

/** Node: sockets from the `ws` package, HTTP from fetch, storage in memory unless given. */
export function nodePlatform(options: { storage?: KeyValueStorage } = {}): Platform {
  return {
    name: 'node',
    openSocket(url, handlers) {
      const ws = new WebSocket(url);
      ws.binaryType = 'nodebuffer';
      let status: number | undefined;
      let retryAfterMs: number | undefined;
      ws.on('open', () => handlers.open());
      ws.on('message', (data: Buffer) =>
        handlers.message(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
      );
      ws.on('unexpected-response', (_request, response) => {
        status = response.statusCode;
        const retryAfter = Number(response.headers['retry-after']);
        if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = retryAfter * 1000;
        ws.terminate();
      });
      ws.on('error', () => undefined);
      ws.on('close', (code, reason) =>
        handlers.close({
          code: status === undefined ? code : 1006,
          reason: status === undefined ? reason.toString() : `upgrade refused: ${status}`,
          ...(status === undefined ? {} : { httpStatus: status, retryAfterMs }),
        }),
      );
      return {
        send: (data) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(data);
        },
        close: (code, reason) => ws.close(code, reason),
      };
    },
    request: fetchRequest((url, init) => fetch(url, { ...init, body: new Uint8Array(init.body) })),
    storage: options.storage ?? memoryStorage(),
    onNetworkChange: () => () => undefined,
    onForegroundChange: () => () => undefined,
  };
}

/** A client on `ws` and fetch, with `storage` for the outbox (memory by default); call `connect()` to start. */
export function createNodeClient(
  options: Omit<ClientOptions, 'platform'> & { storage?: KeyValueStorage },
): DanmakuClient {
  return new DanmakuClient({ ...options, platform: nodePlatform({ storage: options.storage }) });
}
