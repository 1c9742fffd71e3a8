import type { TObject, TSchema } from '@sinclair/typebox';
import { PREFLIGHT_MAX_AGE_SEC } from './cors.js';
import { MAX_BODY_BYTES } from './http.js';
import type { Route } from './route.js';
import { BadRequestSchema, ErrorSchema, codeOnly } from './schemas.js';

/**
 * The admin API's OpenAPI 3.1 document, generated from the route definitions (never edited by
 * hand: `npm run gen:openapi` writes openapi/admin.json, test/admin/openapi.test.ts fails when the
 * committed file differs). OpenAPI 3.1 takes JSON Schema 2020-12 as is, so the schemas the server
 * validates with are the ones published. A schema with a `title` becomes a named component.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const json = (body: Json): JsonObject => ({ 'application/json': body });

/** Moves every titled subschema into `components` and points at it. */
class Components {
  readonly schemas: Record<string, Json> = {};

  ref(schema: TSchema): Json {
    // A JSON round trip drops TypeBox's symbol-keyed bookkeeping: what remains is plain JSON Schema.
    return this.walk(JSON.parse(JSON.stringify(schema)) as Json);
  }

  private walk(node: Json): Json {
    if (Array.isArray(node)) return node.map((item) => this.walk(item));
    if (node === null || typeof node !== 'object') return node;
    const copy: JsonObject = {};
    for (const [key, value] of Object.entries(node)) copy[key] = this.walk(value);
    const title = node.title;
    if (typeof title !== 'string') return copy;
    const known = this.schemas[title];
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(copy))
      throw new Error(`two different schemas are titled ${title}`);
    this.schemas[title] = copy;
    return { $ref: `#/components/schemas/${title}` };
  }
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(components: Components, schema: TSchema | undefined, where: 'path' | 'query'): Json[] {
  if (schema === undefined) return [];
  const object = schema as TObject;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).map(([name, property]) => {
    const { description, ...rest } = property as TSchema & { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: components.ref(rest),
    };
  });
}

const SHARED_RESPONSES = (components: Components): JsonObject => ({
  BadRequest: {
    description: 'A parameter or field is invalid; `field` names it',
    content: json({ schema: components.ref(BadRequestSchema) }),
  },
  Unauthenticated: {
    description: 'No token, or a bad or expired one (answered before routing, for every path)',
    headers: { 'WWW-Authenticate': { schema: { type: 'string', const: 'Bearer' } } },
    content: json({ schema: components.ref(codeOnly('unauthenticated')) }),
  },
  Forbidden: {
    description: 'A valid token without role admin',
    content: json({ schema: components.ref(codeOnly('forbidden')) }),
  },
  NotFound: { description: 'No such id', content: json({ schema: components.ref(ErrorSchema) }) },
  TooLarge: {
    description: `Body over ${MAX_BODY_BYTES} bytes; the connection is closed`,
    content: json({ schema: components.ref(ErrorSchema) }),
  },
  RateLimited: {
    description: 'Over ADMIN_RATE_PER_SEC requests per second from this IP; retry after Retry-After seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
    content: json({ schema: components.ref(codeOnly('rate_limited')) }),
  },
  Unavailable: {
    description: 'The bus or the state store cannot be reached: nothing was done; retry',
    content: json({ schema: components.ref(ErrorSchema) }),
  },
});

const ref = (name: string): JsonObject => ({ $ref: `#/components/responses/${name}` });

function operation(components: Components, route: Route): JsonObject {
  const responses: JsonObject = {};
  for (const [status, answer] of Object.entries(route.answers))
    responses[status] = { description: answer.description, content: json({ schema: components.ref(answer.schema) }) };
  const refusals = new Set(route.refusals ?? []);
  if (route.params !== undefined || route.query !== undefined || route.body !== undefined || refusals.has(400))
    responses['400'] = ref('BadRequest');
  responses['401'] = ref('Unauthenticated');
  responses['403'] = ref('Forbidden');
  if (refusals.has(404)) responses['404'] = ref('NotFound');
  if (route.body !== undefined) responses['413'] = ref('TooLarge');
  responses['429'] = ref('RateLimited');
  if (refusals.has(503)) responses['503'] = ref('Unavailable');
  const query = parameters(components, route.query, 'query');
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    ...(route.action === undefined ? {} : { 'x-audit-action': route.action }),
    ...(query.length === 0 ? {} : { parameters: query }),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: json({ schema: components.ref(route.body), example: (route.example ?? null) as Json }),
          },
        }),
    responses,
  };
}

const DESCRIPTION = [
  'Moderation API of the danmaku broadcaster. Every request needs `Authorization: Bearer <jwt>` with `role: "admin"`,',
  'checked before routing. Actions take effect on every node; state survives restarts; every change is recorded in the audit log.',
  `Bodies are JSON objects of at most ${MAX_BODY_BYTES} bytes; unknown fields and unknown query parameters are refused (400).`,
  'String lengths count code points. With ADMIN_ALLOWED_ORIGINS set, a CORS preflight (OPTIONS with Origin and',
  'Access-Control-Request-Method) is answered before authentication: 204 with Access-Control-Allow-Origin for a listed',
  `origin (methods GET, POST, PUT, PATCH, DELETE; headers authorization, content-type; max age ${PREFLIGHT_MAX_AGE_SEC} s),`,
  '403 {"error":"origin_not_allowed"} for any other; answers to a listed origin carry Access-Control-Allow-Origin.',
].join(' ');

/** The whole document for these routes. */
export function openApiDocument(routes: readonly Route[]): JsonObject {
  const components = new Components();
  const paths: Record<string, JsonObject> = {};
  const tags: string[] = [];
  for (const route of routes) {
    const path = openApiPath(route.path);
    const item = (paths[path] ??= {});
    const pathParameters = parameters(components, route.params, 'path');
    if (pathParameters.length > 0) item.parameters = pathParameters;
    item[route.method.toLowerCase()] = operation(components, route);
    if (!tags.includes(route.tag)) tags.push(route.tag);
  }
  const responses = SHARED_RESPONSES(components);
  return {
    openapi: '3.1.0',
    info: { title: 'Danmaku broadcaster admin API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: '/admin/v1' }],
    security: [{ bearer: [] }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HS256) with role: admin' } },
      responses,
      schemas: Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

/** The document as committed in openapi/admin.json. */
export function renderOpenApi(routes: readonly Route[]): string {
  return `${JSON.stringify(openApiDocument(routes), null, 2)}\n`;
}
