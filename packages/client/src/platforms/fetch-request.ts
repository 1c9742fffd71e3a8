import type { Platform } from '../index.js';

/** The fetch a platform provides, reduced to what a POST with a body and an abort signal needs. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: Uint8Array; signal: AbortSignal },
) => Promise<{ readonly status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** Platform.request over fetch (browsers, Node ≥ 18). */
export function fetchRequest(fetchFn: FetchLike): Platform['request'] {
  return (request, done) => {
    const controller = new AbortController();
    let cancelled = false;
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    fetchFn(request.url, {
      method: 'POST',
      headers: { ...request.headers },
      body: request.body,
      signal: controller.signal,
    })
      .then(async (response) => ({ status: response.status, body: new Uint8Array(await response.arrayBuffer()) }))
      .then(
        (outcome) => {
          clearTimeout(timer);
          if (!cancelled) done(outcome);
        },
        (err: unknown) => {
          clearTimeout(timer);
          if (!cancelled)
            done({
              error: controller.signal.aborted
                ? 'request timed out'
                : err instanceof Error
                  ? err.message
                  : 'request failed',
            });
        },
      );
    return {
      abort: () => {
        cancelled = true;
        clearTimeout(timer);
        controller.abort();
      },
    };
  };
}
