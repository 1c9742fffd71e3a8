import { createServer } from 'node:net';
import uWS, {
  type HttpResponse,
  type TemplatedApp,
  type WebSocket,
  type us_listen_socket,
  type us_socket_context_t,
} from 'uWebSockets.js';

declare module 'uWebSockets.js' {
  /** Listen without SO_REUSEPORT (present at run time as 1; the .d.ts has only the enum type). */
  export const LIBUS_LISTEN_EXCLUSIVE_PORT: ListenOptions.LIBUS_LISTEN_EXCLUSIVE_PORT;
  interface TemplatedApp {
    /** Closes every listen socket and connection (present at run time, missing from the .d.ts). */
    close(): void;
    /** Listens on host and port with options (present at run time; the .d.ts has it without a host). */
    listen(
      host: RecognizedString,
      port: number,
      options: ListenOptions,
      cb: (listenSocket: us_listen_socket | false) => void | Promise<void>,
    ): TemplatedApp;
  }
}

/** Thrown when the node cannot have its address to itself; says why when the kernel tells. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly address: string,
    /** The errno code from a probe listen (EADDRINUSE, EACCES, EADDRNOTAVAIL…), when there is one. */
    readonly code: string | undefined,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `${address} is already in use (another node or process listens on it)`
        : `cannot listen on ${address}${code === undefined ? '' : ` (${code})`}`,
    );
  }
}

/** Why the kernel refuses host:port to a plain exclusive listen, or undefined when it does not. */
function probeListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/**
 * Listens without SO_REUSEPORT. uWS's default listen sets it, so a second node started on a taken
 * port would listen too and the kernel would split connections between the two, silently; with
 * LIBUS_LISTEN_EXCLUSIVE_PORT the second listen fails. Rejects with a {@link ListenError}.
 */
export function listenExclusive(app: TemplatedApp, host: string, port: number): Promise<us_listen_socket> {
  return new Promise((resolve, reject) => {
    app.listen(host, port, uWS.LIBUS_LISTEN_EXCLUSIVE_PORT, (socket) => {
      if (socket) return resolve(socket);
      void probeListen(host, port).then((code) => reject(new ListenError(`${host}:${port}`, code)));
    });
  });
}

/**
 * Upgrades an HTTP request whose answer was decided on a later turn (its token verified), working
 * around a bug of the uWS build in use (fixed upstream in uNetworking/uWebSockets fe7c01a, #1929,
 * July 2026; no later build is published). `res.cork(() => res.upgrade(…))`, the documented way,
 * runs HttpResponse::cork's after-work on the new WebSocket whenever the adoption reallocated it in
 * place, reading its memory as HTTP response state: now and then (a fresh process, a loaded
 * machine, nearly always under --cpu-prof) that reads as "connection: close" and the socket is shut
 * down right after the 101 — the client sees welcome, then 1006. That after-work only runs when
 * res.cork corks: inside another open WebSocket's cork (`corkWith`) it cannot (one socket is corked
 * at a time), so it just runs the upgrade, which uWS.js still counts as corked. With no socket open
 * (a node's first connection) the upgrade runs uncorked: safe, but uWS.js prints its corking warning.
 */
export function upgradeLater<UserData>(
  res: HttpResponse,
  corkWith: WebSocket<unknown> | undefined,
  userData: UserData,
  key: string,
  protocol: string,
  extensions: string,
  context: us_socket_context_t,
): void {
  const upgrade = () => res.upgrade<UserData>(userData, key, protocol, extensions, context);
  if (corkWith === undefined) upgrade();
  else corkWith.cork(() => res.cork(upgrade));
}

/**
 * The package in use silently swaps in a slow pure-JS imitation when its native binary fails to
 * load (or UWS_USE_FALLBACK is set). A broadcaster on it would fall over under load while looking
 * healthy, so the server refuses to start instead.
 */
export function loadNativeUws(): typeof uWS {
  if (!Function.prototype.toString.call(uWS.App).includes('[native code]')) {
    throw new Error(
      'uWebSockets.js loaded its pure-JS fallback instead of the native binary (unsupported Node/glibc, or UWS_USE_FALLBACK is set); refusing to start',
    );
  }
  return uWS;
}
