import type { TemplatedApp } from 'uWebSockets.js';
import type { Claims } from '../auth/token.js';
import type { TokenVerifier } from '../auth/verifier.js';
import { BusUnavailableError } from '../bus/bus.js';
import { HttpExchange, bearerToken, tooLargeBody, type BodyRead, type HeaderMap } from '../http/request.js';
import type { KeyedTokenBuckets } from '../limits/token-bucket.js';
import type { Logger } from '../log.js';
import { StoreClosedError, StoreUnavailableError } from '../store/store.js';
import type { AuditLog } from './audit.js';
import { AdminCors } from './cors.js';
import { BadRequest, HttpError, type AdminDeps, type Route } from './route.js';
import { compileRequestChecks, type RawRequest } from './validate.js';

/** Largest request body read; moderation requests are small, anything bigger is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
  readonly check: (request: RawRequest) => RawRequest;
}

function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    // A malformed %-escape names no route: the caller answers 404.
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

/** The first value of each query parameter. */
function queryValues(raw: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) if (!(name in values)) values[name] = value;
  return values;
}

export interface AdminHttpDeps {
  /** Verifies the caller's bearer token (it must have role admin). */
  readonly tokens: TokenVerifier;
  readonly audit: AuditLog;
  readonly log: Logger;
  /** Requests per caller IP, checked before the token so guessing tokens is throttled too. */
  readonly rate: KeyedTokenBuckets;
  /** ADMIN_ALLOWED_ORIGINS: origins a browser may call the API from (CORS); empty: same origin only. */
  readonly allowedOrigins: readonly string[];
  /** What route handlers work on. */
  readonly handlers: AdminDeps;
}

type Send = (status: number, body: unknown, headers?: HeaderMap, closeConnection?: boolean) => void;

/**
 * The admin API's HTTP layer on the node's uWS app, in this order: the per-IP rate limit; a CORS
 * preflight answered before authentication (a browser never sends a token with one); admin-token
 * authentication (an unauthenticated caller cannot even tell which routes exist); routing with
 * 404/405; the bounded JSON body; the route's schema checks; the handler; error mapping (every 500
 * logged); an audit entry for every routed action.
 */
export function attachAdminRoutes(
  app: TemplatedApp,
  base: string,
  routes: readonly Route[],
  deps: AdminHttpDeps,
): void {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    segments: splitPath(route.path) ?? [],
    check: compileRequestChecks(route),
  }));
  const cors = new AdminCors(deps.allowedOrigins);

  app.any(`${base}/*`, (res, req) => {
    const exchange = new HttpExchange(res);
    const method = req.getCaseSensitiveMethod().toUpperCase();
    const url = req.getUrl();
    const query = queryValues(req.getQuery() ?? '');
    const origin = req.getHeader('origin');
    const corsHeaders = cors.answerHeaders(origin);
    const send: Send = (status, body, headers = {}, closeConnection = false) =>
      exchange.json(status, body, { ...corsHeaders, ...headers }, closeConnection);

    const wait = deps.rate.take(Buffer.from(res.getRemoteAddressAsText()).toString());
    if (wait > 0) return send(429, { error: 'rate_limited' }, { 'retry-after': String(Math.ceil(wait / 1000)) });
    if (AdminCors.isPreflight(method, origin, req.getHeader('access-control-request-method'))) {
      if (!cors.isAllowed(origin)) return send(403, { error: 'origin_not_allowed' });
      return exchange.send(204, '', '', cors.preflightHeaders(origin));
    }
    const bearer = bearerToken(req.getHeader('authorization'));
    const verifying = bearer === undefined || bearer === '' ? Promise.resolve(undefined) : deps.tokens.verify(bearer);
    const segments = splitPath(url.slice(base.length));
    const candidates =
      segments === undefined
        ? []
        : compiled.flatMap((c) => {
            const params = matchSegments(c.segments, segments);
            return params === undefined ? [] : [{ compiled: c, params }];
          });
    const matched = candidates.find((c) => c.compiled.route.method === method);
    // The body is read while the token is verified (uWS drops data arriving before onData is set),
    // but nothing is answered before the token is: an unauthenticated caller cannot even tell
    // which routes exist.
    const read: Promise<BodyRead> =
      matched?.compiled.route.body === undefined
        ? Promise.resolve({ ok: true, body: Buffer.alloc(0) })
        : exchange.readBody(req, MAX_BODY_BYTES, false);
    void Promise.all([verifying, read]).then(([verified, body]) => {
      // An unread rest of a body cannot be answered past: close the connection after a refusal.
      const unread = !body.ok;
      if (verified === undefined || !verified.ok)
        return send(401, { error: 'unauthenticated' }, { 'www-authenticate': 'Bearer' }, unread);
      const actor = verified.claims;
      if (actor.role !== 'admin') return send(403, { error: 'forbidden' }, {}, unread);
      if (candidates.length === 0) return send(404, { error: 'not_found' });
      if (matched === undefined)
        return send(
          405,
          { error: 'method_not_allowed' },
          { allow: candidates.map((c) => c.compiled.route.method).join(', ') },
        );
      return serve({ compiled: matched.compiled, params: matched.params, query, body, actor, method, url, send }, deps);
    });
  });
}

interface Routed {
  readonly compiled: CompiledRoute;
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly body: BodyRead;
  readonly actor: Claims;
  readonly method: string;
  readonly url: string;
  readonly send: Send;
}

/** Runs one routed request to its answer and its audit entry. Never rejects. */
async function serve(request: Routed, deps: AdminHttpDeps): Promise<void> {
  const { route, check } = request.compiled;
  const finish = async (
    status: number,
    body: unknown,
    recorded: unknown,
    headers?: HeaderMap,
    closeConnection?: boolean,
  ): Promise<void> => {
    if (route.action !== undefined) {
      const detail = status >= 400 && typeof body === 'object' && body !== null ? JSON.stringify(body) : '';
      try {
        await deps.audit.record({
          actor: request.actor.sub,
          action: route.action,
          method: request.method,
          path: request.url,
          request: recorded,
          status,
          result: status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed',
          detail,
        });
      } catch (err) {
        deps.log.error({ err, action: route.action, actor: request.actor.sub }, 'audit write failed');
      }
    }
    request.send(status, body, headers, closeConnection);
  };

  if (!request.body.ok) {
    // A client that went away gets nothing and changed nothing.
    if (request.body.reason === 'aborted') return;
    return finish(413, tooLargeBody(MAX_BODY_BYTES), null, {}, true);
  }
  const raw = request.body.body;
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      const text = raw.toString('utf8').slice(0, 256);
      return finish(400, { error: 'bad_request', field: 'body', message: 'body: not valid JSON' }, text);
    }
  }
  try {
    const checked = check({ params: request.params, query: request.query, body });
    const reply = await route.handle({ ...checked, actor: request.actor, deps: deps.handlers });
    return await finish(reply.status, reply.body, body);
  } catch (err) {
    const [status, answer] = refusal(err, route, deps.log);
    return finish(status, answer, body);
  }
}

/** The answer for an error a handler threw; anything unexpected is logged and answered 500. */
function refusal(err: unknown, route: Route, log: Logger): [number, unknown] {
  if (err instanceof BadRequest)
    return [400, { error: 'bad_request', field: err.field, message: `${err.field}: ${err.message}` }];
  if (err instanceof HttpError) return [err.status, { error: err.code, message: err.message }];
  if (err instanceof BusUnavailableError)
    return [503, { error: 'unavailable', message: 'the bus cannot reach the other nodes; retry' }];
  if (err instanceof StoreUnavailableError || err instanceof StoreClosedError) {
    log.warn({ err, operationId: route.operationId }, 'admin action refused: the state store is unavailable');
    return [503, { error: 'unavailable', message: 'the state store cannot be reached; retry' }];
  }
  log.error({ err, operationId: route.operationId }, 'admin request failed; answered 500');
  return [500, { error: 'internal' }];
}
