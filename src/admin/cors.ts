import type { HeaderMap } from '../http/request.js';

/** Methods and request headers a browser may use on the admin API from an allowed origin. */
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'authorization, content-type';
/** Headers a script may read on an answer: the wait of a 429, the scheme of a 401, the methods of a 405. */
const EXPOSE_HEADERS = 'retry-after, www-authenticate, allow';
/** Seconds a browser may cache a preflight answer (Chromium caps it at 7200). */
export const PREFLIGHT_MAX_AGE_SEC = 600;

/**
 * CORS for the admin API (the Fetch standard's CORS protocol), for a moderator console served
 * from another origin. With no allowed origins (ADMIN_ALLOWED_ORIGINS unset) no answer carries
 * CORS headers: browsers allow same-origin calls only. Authentication is a bearer header, never
 * a cookie, so credentials are not allowed and a preflight never needs a token.
 */
export class AdminCors {
  private readonly allowed: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.allowed = new Set(origins);
  }

  /** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
  static isPreflight(method: string, origin: string, requestMethod: string): boolean {
    return method === 'OPTIONS' && origin !== '' && requestMethod !== '';
  }

  isAllowed(origin: string): boolean {
    return this.allowed.has(origin);
  }

  /** Headers for any answer to a request carrying this Origin (empty when CORS is off). */
  answerHeaders(origin: string): HeaderMap {
    if (this.allowed.size === 0) return {};
    // The answer depends on Origin whenever CORS is on, allowed or not: caches must key on it.
    if (!this.isAllowed(origin)) return { vary: 'Origin' };
    return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSE_HEADERS };
  }

  /** Headers of the 204 answer to a preflight from an allowed origin. */
  preflightHeaders(origin: string): HeaderMap {
    return {
      ...this.answerHeaders(origin),
      'access-control-allow-methods': ALLOW_METHODS,
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_SEC),
    };
  }
}
