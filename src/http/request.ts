import type { HttpRequest, HttpResponse } from 'uWebSockets.js';

/**
 * HTTP request plumbing shared by every uWS endpoint that reads a bearer token or a body (the
 * admin API, /poll): one bearer parser, one bounded body reader with one 413 answer, JSON replies
 * that never touch an aborted response.
 */

/** The token of an Authorization header: undefined when there is no header, '' when it is not a bearer token (RFC 6750 §2.1). */
export function bearerToken(header: string): string | undefined {
  if (header === '') return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
}

/** Status lines by code, with the RFC 9110 §15 reason phrases. */
const STATUS_LINE: Readonly<Record<number, string>> = {
  200: '200 OK',
  201: '201 Created',
  202: '202 Accepted',
  204: '204 No Content',
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

export function statusLine(status: number): string {
  return STATUS_LINE[status] ?? `${status} Status`;
}

/** The one 413 answer body of every endpoint with a body limit. */
export function tooLargeBody(maxBytes: number): { readonly error: 'too_large'; readonly message: string } {
  return { error: 'too_large', message: `request bodies are limited to ${maxBytes} bytes` };
}

export type BodyRead =
  | { readonly ok: true; readonly body: Buffer }
  /** over the limit (already answered 413 when the caller let the reader answer) or the client went away */
  | { readonly ok: false; readonly reason: 'too_large' | 'aborted' };

export type HeaderMap = Readonly<Record<string, string>>;

/**
 * One request/response on uWS. It registers `onAborted` at once (a uWS response must have one
 * before any await, and writing to an aborted one crashes the process), so create it first in the
 * route handler; `onAbort` runs when the client goes away before the answer.
 */
export class HttpExchange {
  private abortedFlag = false;
  private answered = false;
  private readonly abortListeners: (() => void)[] = [];

  constructor(private readonly res: HttpResponse) {
    res.onAborted(() => {
      this.abortedFlag = true;
      for (const listener of this.abortListeners) listener();
    });
  }

  get aborted(): boolean {
    return this.abortedFlag;
  }

  /** True once an answer was written or the client went away: nothing more can be sent. */
  get done(): boolean {
    return this.abortedFlag || this.answered;
  }

  onAbort(listener: () => void): void {
    this.abortListeners.push(listener);
  }

  /**
   * Writes one answer, corked; does nothing once the client went away or an answer was sent.
   * `closeConnection` closes the socket after it (for an answer sent before the body was read).
   * A 204 is sent without a body (`body` is ignored).
   */
  send(
    status: number,
    body: string | Uint8Array,
    contentType: string,
    headers: HeaderMap = {},
    closeConnection = false,
  ): void {
    if (this.done) return;
    this.answered = true;
    this.res.cork(() => {
      this.res.writeStatus(statusLine(status));
      if (status !== 204) this.res.writeHeader('content-type', contentType);
      for (const [name, value] of Object.entries(headers)) this.res.writeHeader(name, value);
      // uWS adds "Content-Length: 0" to a 204, which browsers accept; endWithoutBody() without a
      // length would be the strict form, but this build then announces 2^63 bytes.
      this.res.end(status === 204 ? '' : body, closeConnection);
    });
  }

  /** A JSON answer. */
  json(status: number, body: unknown, headers: HeaderMap = {}, closeConnection = false): void {
    this.send(status, JSON.stringify(body), 'application/json', headers, closeConnection);
  }

  /**
   * Reads the request body, at most `maxBytes` bytes. Call it synchronously in the route handler
   * (uWS drops data that arrives before `onData` is set, and `req` is only valid until the handler
   * returns). A declared Content-Length over the limit is refused before reading; a chunked body
   * as soon as it passes the limit. Too large: answered `413` with `tooLargeBody` and the
   * connection closed (the rest of the body is never read), unless `answerTooLarge` is false.
   * With neither a Content-Length nor chunked encoding there is no body (uWS would never call
   * `onData`): it resolves with an empty buffer at once.
   */
  readBody(req: HttpRequest, maxBytes: number, answerTooLarge = true): Promise<BodyRead> {
    const contentLength = Number(req.getHeader('content-length') || '0');
    const chunked = req.getHeader('transfer-encoding') !== '';
    const refuse = (): BodyRead => {
      if (answerTooLarge) this.json(413, tooLargeBody(maxBytes), {}, true);
      return { ok: false, reason: 'too_large' };
    };
    if (contentLength > maxBytes) return Promise.resolve(refuse());
    if (contentLength === 0 && !chunked) return Promise.resolve({ ok: true, body: Buffer.alloc(0) });
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const settle = (read: BodyRead) => {
        if (settled) return;
        settled = true;
        resolve(read);
      };
      this.onAbort(() => settle({ ok: false, reason: 'aborted' }));
      this.res.onData((chunk, isLast) => {
        if (settled) return;
        received += chunk.byteLength;
        if (received > maxBytes) return settle(refuse());
        // uWS reuses the chunk's memory after this callback returns: copy it.
        chunks.push(Buffer.from(new Uint8Array(chunk)));
        if (isLast) settle({ ok: true, body: Buffer.concat(chunks) });
      });
    });
  }
}
