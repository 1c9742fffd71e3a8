import { createServer } from 'node:net';
import uWS, { type TemplatedApp, type us_listen_socket } from 'uWebSockets.js';

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
