import type { TemplatedApp } from 'uWebSockets.js';
import { verifyToken, type Claims } from '../auth/token.js';
import type { KeyedTokenBuckets } from '../limits/token-bucket.js';
import type { Logger } from '../log.js';
import type { AuditLog } from './audit.js';
import { BadRequest, HttpError } from './validate.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AdminContext {
  readonly actor: Claims;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body (undefined when there was none). */
  readonly body: unknown;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export interface Route {
  readonly method: Method;
  /** Under the API base, with :name for a path parameter: "/rooms/:room/settings". */
  readonly path: string;
  /** Audited under this name when set: every action that changes something. */
  readonly action?: string;
  readonly handle: (context: AdminContext) => Reply | Promise<Reply>;
}

/** Largest request body read; moderation requests are small, anything bigger is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

const STATUS_LINE: Readonly<Record<number, string>> = {
  200: '200 OK',
  201: '201 Created',
  202: '202 Accepted',
  400: '400 Bad Request',
  401: '401 Unauthorized',
  403: '403 Forbidden',
  404: '404 Not Found',
  405: '405 Method Not Allowed',
  413: '413 Content Too Large',
  429: '429 Too Many Requests',
  500: '500 Internal Server Error',
  503: '503 Service Unavailable',
};

const WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p !== s) return undefined;
  }
  return params;
}

export interface AdminHttpDeps {
  readonly secret: string;
  readonly audit: AuditLog;
  readonly log: Logger;
  /** Requests per caller IP, checked before the token so guessing tokens is throttled too. */
  readonly rate: KeyedTokenBuckets;
}

/**
 * The admin API's HTTP layer on the node's uWS app: admin-token authentication before anything
 * else (an unauthenticated caller cannot even tell which routes exist), routing with 404/405,
 * bounded JSON bodies, error mapping, and an audit entry for every routed action.
 */
export function attachAdminRoutes(
  app: TemplatedApp,
  base: string,
  routes: readonly Route[],
  deps: AdminHttpDeps,
): void {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, segments: splitPath(route.path) ?? [] }));

  app.any(`${base}/*`, (res, req) => {
    const method = req.getCaseSensitiveMethod().toUpperCase();
    const url = req.getUrl();
    const query = new URLSearchParams(req.getQuery());
    const authorization = req.getHeader('authorization');
    const contentLength = Number(req.getHeader('content-length') || '0');
    const chunked = req.getHeader('transfer-encoding') !== '';
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    const send = (
      status: number,
      body: unknown,
      headers: Readonly<Record<string, string>> = {},
      closeConnection = false,
    ) => {
      if (aborted) return;
      res.cork(() => {
        res.writeStatus(STATUS_LINE[status] ?? `${status} Status`).writeHeader('content-type', 'application/json');
        for (const [name, value] of Object.entries(headers)) res.writeHeader(name, value);
        res.end(JSON.stringify(body), closeConnection);
      });
    };

    const wait = deps.rate.take(Buffer.from(res.getRemoteAddressAsText()).toString());
    if (wait > 0) return send(429, { error: 'rate_limited' }, { 'retry-after': String(Math.ceil(wait / 1000)) });
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const verified = bearer === undefined ? undefined : verifyToken(deps.secret, bearer);
    if (verified === undefined || !verified.ok)
      return send(401, { error: 'unauthenticated' }, { 'www-authenticate': 'Bearer' });
    const actor = verified.claims;
    if (actor.role !== 'admin') return send(403, { error: 'forbidden' });

    const segments = splitPath(url.slice(base.length));
    const candidates =
      segments === undefined
        ? []
        : compiled
            .map((c) => ({ route: c.route, params: matchSegments(c.segments, segments) }))
            .filter((c) => c.params !== undefined);
    if (candidates.length === 0) return send(404, { error: 'not_found' });
    const matched = candidates.find((c) => c.route.method === method);
    if (matched === undefined)
      return send(405, { error: 'method_not_allowed' }, { allow: candidates.map((c) => c.route.method).join(', ') });
    const { route } = matched;
    const params = matched.params as Record<string, string>;

    const finish = async (
      status: number,
      body: unknown,
      request: unknown,
      headers?: Readonly<Record<string, string>>,
      closeConnection?: boolean,
    ) => {
      if (route.action !== undefined) {
        const detail = status >= 400 && typeof body === 'object' && body !== null ? JSON.stringify(body) : '';
        try {
          await deps.audit.record({
            actor: actor.sub,
            action: route.action,
            method,
            path: url,
            request,
            status,
            result: status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed',
            detail,
          });
        } catch (err) {
          deps.log.error({ err, action: route.action, actor: actor.sub }, 'audit write failed');
        }
      }
      send(status, body, headers, closeConnection);
    };

    const run = async (raw: Buffer | undefined) => {
      let body: unknown;
      if (raw !== undefined && raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return finish(
            400,
            { error: 'bad_request', field: 'body', message: 'not valid JSON' },
            raw.toString('utf8').slice(0, 256),
          );
        }
      }
      try {
        const reply = await route.handle({ actor, params, query, body });
        return finish(reply.status, reply.body, body);
      } catch (err) {
        if (err instanceof BadRequest)
          return finish(400, { error: 'bad_request', field: err.field, message: `${err.field}: ${err.message}` }, body);
        if (err instanceof HttpError) return finish(err.status, { error: err.code, message: err.message }, body);
        deps.log.error({ err, action: route.action ?? route.path }, 'admin request failed');
        return finish(500, { error: 'internal' }, body);
      }
    };

    const tooLarge = () =>
      void finish(
        413,
        { error: 'too_large', message: `request bodies are limited to ${MAX_BODY_BYTES} bytes` },
        null,
        {},
        true,
      );
    // With neither a length nor chunked encoding there is no body, and uWS would never call onData.
    if (!WITH_BODY.has(method) || (contentLength === 0 && !chunked)) return void run(undefined);
    if (contentLength > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    res.onData((chunk, isLast) => {
      if (refused) return;
      received += chunk.byteLength;
      if (received > MAX_BODY_BYTES) {
        refused = true;
        return tooLarge();
      }
      // uWS reuses the chunk's memory after this callback returns: copy it.
      chunks.push(Buffer.from(new Uint8Array(chunk)));
      if (isLast) void run(Buffer.concat(chunks));
    });
  });
}
