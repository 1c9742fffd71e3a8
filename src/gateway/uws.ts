import uWS from 'uWebSockets.js';

declare module 'uWebSockets.js' {
  interface TemplatedApp {
    /** Closes every listen socket and connection (present at run time, missing from the .d.ts). */
    close(): void;
  }
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
