import { readFileSync } from 'node:fs';
import t from 'tap';
import { adminRoutes, type AdminDeps } from '../../src/admin/routes.js';
import { admin } from '../helpers/admin.js';
import { startTestNode, token } from '../helpers/node.js';

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
}
interface Operation {
  operationId: string;
  requestBody?: { content: { 'application/json': { example: unknown } } };
  responses: Record<string, { $ref?: string; content?: { 'application/json': { schema: Schema } } }>;
}
type Spec = {
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, { content: { 'application/json': { schema: Schema } } }>;
  };
};

const spec = JSON.parse(readFileSync(new URL('../../openapi/admin.json', import.meta.url), 'utf8')) as Spec;
const METHODS = ['get', 'put', 'patch', 'post', 'delete'];

function resolve(schema: Schema): Schema {
  return schema.$ref === undefined
    ? schema
    : resolve(spec.components.schemas[schema.$ref.split('/').pop() as string] as Schema);
}

/** Checks a value against the subset of JSON Schema the spec uses; returns the problems found. */
function problems(value: unknown, raw: Schema, at = '$'): string[] {
  const schema = resolve(raw);
  if (schema.allOf !== undefined) return schema.allOf.flatMap((s) => problems(value, s, at));
  if (value === null)
    return schema.nullable === true || schema.type === undefined ? [] : [`${at}: null but not nullable`];
  if (schema.enum !== undefined && !schema.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case undefined:
      return [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'number':
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at}: not a ${schema.type}`];
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, i) => problems(item, schema.items ?? {}, `${at}[${i}]`))
        : [`${at}: not an array`];
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const record = value as Record<string, unknown>;
      const missing = (schema.required ?? []).filter((k) => !(k in record)).map((k) => `${at}.${k}: missing`);
      const wrong = Object.entries(schema.properties ?? {}).flatMap(([k, s]) =>
        k in record ? problems(record[k], s, `${at}.${k}`) : [],
      );
      return [...missing, ...wrong];
    }
    default:
      return [`${at}: unknown schema type ${schema.type}`];
  }
}

function responseSchema(operation: Operation, status: number): Schema | undefined {
  const response = operation.responses[String(status)];
  if (response === undefined) return undefined;
  const resolved =
    response.$ref === undefined ? response : spec.components.responses[response.$ref.split('/').pop() as string];
  return resolved?.content?.['application/json'].schema;
}

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => m in item).map((method) => ({
    path,
    method: method.toUpperCase(),
    operation: item[method] as Operation,
  })),
);

t.test('every route the server registers is documented, and every documented route exists', async (t) => {
  const documented = operations.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`).sort();
  const served = adminRoutes({} as AdminDeps)
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  t.same(documented, served);
});

t.test('every documented route answers as documented against a running node', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const ban = await admin(node.url, 'POST', '/bans', { body: { userId: 'spammer', reason: 'setup' } });
  const filter = await admin(node.url, 'POST', '/filters', { body: { pattern: 'setup' } });
  const mute = await admin(node.url, 'POST', '/rooms/lobby/mutes', { body: { userId: 'chatty', reason: 'setup' } });
  const ids: Record<string, string> = {
    bans: ban.body.ban.id,
    filters: filter.body.filter.id,
    mutes: mute.body.mute.id,
  };
  const idFor = (path: string) => ids[path.split('/')[1] as string] as string;
  const urlOf = (path: string, id?: string) =>
    path
      .replace('{room}', 'lobby')
      .replace('{userId}', 'spammer')
      .replace('{id}', id ?? idFor(path));

  const check = async (
    label: string,
    operation: Operation,
    method: string,
    url: string,
    options: Parameters<typeof admin>[3],
    expect: (status: number) => boolean,
  ) => {
    const answer = await admin(node.url, method, url, options);
    const schema = responseSchema(operation, answer.status);
    t.ok(schema !== undefined, `${label}: ${answer.status} is documented for ${operation.operationId}`);
    t.ok(expect(answer.status), `${label}: ${operation.operationId} answered ${answer.status}`);
    if (schema !== undefined)
      t.same(
        problems(answer.body, schema),
        [],
        `${label}: ${operation.operationId} ${answer.status} body matches its schema`,
      );
  };

  // Deletes last, so the ids they remove serve every other route first.
  const ordered = [
    ...operations.filter((o) => o.method !== 'DELETE'),
    ...operations.filter((o) => o.method === 'DELETE'),
  ];
  for (const { path, method, operation } of ordered) {
    const example = operation.requestBody?.content['application/json'].example;
    const url = urlOf(path);
    await check('no token', operation, method, url, { token: null, body: example }, (s) => s === 401);
    await check(
      'viewer token',
      operation,
      method,
      url,
      { token: token({ sub: 'v' }), body: example },
      (s) => s === 403,
    );
    if (example !== undefined)
      await check('unknown field', operation, method, url, { body: { bogus: 1 } }, (s) => s === 400);
    if (path.includes('{id}'))
      await check('unknown id', operation, method, urlOf(path, 'missing'), {}, (s) => s === 404);
    await check('admin', operation, method, url, { body: example }, (s) => s >= 200 && s < 300);
  }
});
