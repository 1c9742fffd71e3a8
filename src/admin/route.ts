import type { Static, TObject, TSchema, TUndefined } from '@sinclair/typebox';
import type { Claims } from '../auth/token.js';
import type { Bus } from '../bus/bus.js';
import type { Limits } from '../config/config.js';
import type { ModerationState } from '../moderation/state.js';
import type { RoomRates } from '../rooms/rates.js';
import type { AuditLog } from './audit.js';

/**
 * One admin API route as data: its JSON schemas validate the request (src/admin/http.ts), type the
 * handler's input and answer, and are the OpenAPI document (src/admin/openapi.ts). Nothing about a
 * route is written down twice.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the handlers work on. */
export interface AdminDeps {
  readonly state: ModerationState;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly limits: Limits;
  /** Rooms with viewers on this node. */
  readonly rooms: () => Iterable<string>;
  /** Whole-room viewer count. */
  readonly viewers: (room: string) => number;
  readonly rates: RoomRates;
}

/** A success answer: its description and body schema. */
export interface Answer<S extends TSchema = TSchema> {
  readonly description: string;
  readonly schema: S;
}

export type SuccessStatus = 200 | 201 | 202;
export type Answers = { readonly [S in SuccessStatus]?: Answer };

/**
 * Refusals a route may answer beyond those every route has (401, 403, 429) and those that follow
 * from its schemas (400 for invalid parameters or body, 413 for a body): 404 for an unknown id, 503
 * when the bus or the state store cannot be reached.
 */
export type Refusal = 400 | 404 | 503;

export interface AdminContext<P, Q, B> {
  readonly actor: Claims;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly deps: AdminDeps;
}

/** Any of the route's documented success answers, typed by its schema. */
export type Reply<R extends Answers> = {
  [S in keyof R & SuccessStatus]: { readonly status: S; readonly body: Static<NonNullable<R[S]>['schema']> };
}[keyof R & SuccessStatus];

export type NoParams = TObject<Record<string, never>>;

export interface RouteSpec<
  Id extends string,
  P extends TSchema,
  Q extends TSchema,
  B extends TSchema,
  R extends Answers,
> {
  /** The OpenAPI operationId: a console's generated client calls it by this name. */
  readonly operationId: Id;
  readonly method: Method;
  /** Under the API base, with :name for a path parameter: "/rooms/:room/settings". */
  readonly path: string;
  /** The OpenAPI tag: one per resource (file in src/admin/routes/). */
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** Audited under this name when set: every action that changes something. */
  readonly action?: string;
  /** Path parameters; every one named in `path`. */
  readonly params?: P;
  /** Query parameters; any other is refused with 400. */
  readonly query?: Q;
  /** The JSON body; routes without one never read a body. */
  readonly body?: B;
  /** A body that succeeds, for the OpenAPI document (and the test that replays every example). */
  readonly example?: Static<B>;
  readonly answers: R;
  readonly refusals?: readonly Refusal[];
  // Method syntax on purpose: a route with specific types is still a Route (parameter bivariance).
  handle(context: AdminContext<Static<P>, Static<Q>, Static<B>>): Reply<R> | Promise<Reply<R>>;
}

/** A route with its types erased, as the HTTP layer and the OpenAPI generator hold them. */
export interface Route extends Omit<RouteSpec<string, TSchema, TSchema, TSchema, Answers>, 'handle' | 'example'> {
  readonly example?: unknown;
  // The HTTP layer passes only what passed the route's schemas: the handler's narrower types hold.
  handle(
    context: AdminContext<unknown, unknown, unknown>,
  ):
    | { readonly status: SuccessStatus; readonly body: unknown }
    | Promise<{ readonly status: SuccessStatus; readonly body: unknown }>;
}

/** Declares a route; the identity at run time, it exists so TypeScript infers the handler's types from the schemas. */
export function defineRoute<
  const Id extends string,
  R extends Answers,
  P extends TSchema = NoParams,
  Q extends TSchema = NoParams,
  B extends TSchema = TUndefined,
>(spec: RouteSpec<Id, P, Q, B, R>): RouteSpec<Id, P, Q, B, R> {
  return spec;
}

/** A request the API refuses with 400, naming the field at fault ("body" for the body as a whole). */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An answer other than success that a handler gives on purpose (404 for an unknown ban, ...). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `no such ${what}`);
