import { Type, type Static } from '@sinclair/typebox';
import type { Reply, Route } from '../../src/admin/route.js';
import { ADMIN_ROUTES } from '../../src/admin/routes.js';
import { jsonChecker } from '../../src/schema/json-schema.js';
import { token } from './node.js';

type AnyRoute = (typeof ADMIN_ROUTES)[number];
export type OperationId = AnyRoute['operationId'];
type RouteOf<K extends OperationId> = Extract<AnyRoute, { operationId: K }>;

/** The success answer body of an operation, as its route schema types it. */
export type SuccessBody<K extends OperationId> = Reply<RouteOf<K>['answers']>['body'];
export type ParamsOf<K extends OperationId> = Static<NonNullable<RouteOf<K>['params']>>;

/** An error answer: every refusal carries `error`; most a `message`; 400s also `field`. */
const ErrorAnswer = Type.Object({
  error: Type.String(),
  message: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
});
export type ErrorBody = Static<typeof ErrorAnswer>;

export interface AdminAnswer<S> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON answer, as received. */
  readonly body: unknown;
  /** The body of a 2xx answer, checked against the route's schema for that status; throws otherwise. */
  readonly ok: S;
  /** The body of a 4xx/5xx answer, checked to carry an `error` code; throws otherwise. */
  readonly error: ErrorBody;
}

export const ADMIN_SUB = 'mod-1';

export function adminToken(sub = ADMIN_SUB): string {
  return token({ sub, role: 'admin' });
}

interface RequestOptions {
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as given (no content-type unless in headers). */
  readonly raw?: string;
  /** undefined: an admin token; null: none. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

const checker = jsonChecker;
const errorCheck = checker.compile(ErrorAnswer);
const successChecks = new Map<string, Map<number, ReturnType<typeof checker.compile>>>(
  ADMIN_ROUTES.map((route: Route) => [
    route.operationId,
    new Map(Object.entries(route.answers).map(([status, answer]) => [Number(status), checker.compile(answer.schema)])),
  ]),
);

function answerOf<S>(
  status: number,
  headers: Headers,
  body: unknown,
  describe: string,
  operationId?: string,
): AdminAnswer<S> {
  return {
    status,
    headers,
    body,
    get ok(): S {
      const check = operationId === undefined ? undefined : successChecks.get(operationId)?.get(status);
      if (check === undefined)
        throw new Error(`${describe}: expected a success, got ${status} ${JSON.stringify(body)}`);
      const problem = check.problem(body);
      if (problem !== undefined)
        throw new Error(`${describe}: ${status} answer does not match its schema: ${problem.at} ${problem.message}`);
      return body as S;
    },
    get error(): ErrorBody {
      if (status < 400 || !errorCheck.check(body))
        throw new Error(`${describe}: expected an error answer, got ${status} ${JSON.stringify(body)}`);
      return body;
    },
  };
}

async function send<S>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions,
  operationId: string | undefined,
): Promise<AdminAnswer<S>> {
  const bearer = options.token === undefined ? adminToken() : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}/admin/v1${path}`, { method, headers, body });
  const text = await res.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  return answerOf(res.status, res.headers, parsed, `${method} ${path}`, operationId);
}

/** One request over real HTTP to any path under /admin/v1 (unknown routes and wrong methods included). */
export function adminRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<AdminAnswer<unknown>> {
  return send(baseUrl, method, path, options, undefined);
}

/** The path of an operation with its parameters filled in (URI-encoded) and an optional query. */
export function adminPath<K extends OperationId>(
  operationId: K,
  params?: ParamsOf<K>,
  query?: Record<string, string | number>,
): string {
  const route = ADMIN_ROUTES.find((r) => r.operationId === operationId) as RouteOf<K>;
  const values = (params ?? {}) as Record<string, string>;
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  const search = new URLSearchParams(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  return search === '' ? path : `${path}?${search}`;
}

/** Calls one admin operation by its OpenAPI operationId; `ok` is typed by the route's answer schema. */
export function admin<K extends OperationId>(
  baseUrl: string,
  operationId: K,
  options: RequestOptions & { readonly params?: ParamsOf<K>; readonly query?: Record<string, string | number> } = {},
): Promise<AdminAnswer<SuccessBody<K>>> {
  const route = ADMIN_ROUTES.find((r) => r.operationId === operationId) as RouteOf<K>;
  return send(baseUrl, route.method, adminPath(operationId, options.params, options.query), options, operationId);
}
