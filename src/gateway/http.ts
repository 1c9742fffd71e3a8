import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../log.js';

export function sendJson(res: HttpResponse, status: string, body: unknown, retryAfterSec = 0): void {
  res.cork(() => {
    res.writeStatus(status).writeHeader('content-type', 'application/json');
    if (retryAfterSec > 0) res.writeHeader('retry-after', String(retryAfterSec));
    res.end(JSON.stringify(body));
  });
}

/**
 * Runs an async handler for a uWS response: marks it aborted when the client goes away (writing to
 * an aborted response crashes the process), and when the handler throws logs the error with the
 * route and answers 500.
 */
export function handleAsync(
  res: HttpResponse,
  route: string,
  log: Logger,
  handler: (aborted: () => boolean) => Promise<void>,
): void {
  let aborted = false;
  res.onAborted(() => {
    aborted = true;
  });
  handler(() => aborted).catch((err: unknown) => {
    log.error({ err, route, clientGone: aborted }, 'request failed; answered 500 unless the client was gone');
    if (!aborted) sendJson(res, '500 Internal Server Error', { error: 'internal' });
  });
}

export interface HealthSources {
  readonly ready: () => boolean;
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  readonly log: Logger;
}

/** /healthz (the process answers), /readyz (the bus is connected and the node is not draining), /metrics. */
export function attachHealth(app: TemplatedApp, sources: HealthSources): void {
  app.get('/healthz', (res) => {
    res.writeHeader('content-type', 'text/plain').end('ok');
  });
  app.get('/readyz', (res) => {
    const ready = sources.ready();
    res
      .writeStatus(ready ? '200 OK' : '503 Service Unavailable')
      .writeHeader('content-type', 'text/plain')
      .end(ready ? 'ready' : 'not ready');
  });
  app.get('/metrics', (res) => {
    handleAsync(res, '/metrics', sources.log, async (aborted) => {
      const { contentType, body } = await sources.metrics();
      if (aborted()) return;
      res.cork(() => {
        res.writeHeader('content-type', contentType).end(body);
      });
    });
  });
}

/** Unmatched routes would otherwise get an empty reply from uWS. Register last. */
export function attachNotFound(app: TemplatedApp): void {
  app.any('/*', (res) => {
    res
      .writeStatus('404 Not Found')
      .writeHeader('content-type', 'application/json')
      .end(JSON.stringify({ error: 'not_found' }));
  });
}
