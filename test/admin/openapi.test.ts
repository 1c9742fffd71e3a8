import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import t from 'tap';
import { renderOpenApi } from '../../src/admin/openapi.js';
import { ADMIN_ROUTES } from '../../src/admin/routes.js';
import { admin, adminRequest, type AdminAnswer } from '../helpers/admin.js';
import { startTestNode, token } from '../helpers/node.js';
import { fromRoot } from '../helpers/root.js';

const committed = readFileSync(fromRoot('openapi/admin.json'), 'utf8');

interface Operation {
  operationId: string;
  requestBody?: { content: { 'application/json': { example: unknown } } };
  responses: Record<string, { $ref?: string; content?: unknown }>;
}
interface Spec {
  paths: Record<string, Record<string, unknown>>;
}

const spec = JSON.parse(committed) as Spec;
const METHODS = ['get', 'put', 'patch', 'post', 'delete'];
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => m in item).map((method) => ({
    path,
    method: method.toUpperCase(),
    operation: item[method] as Operation,
  })),
);

// The committed document itself is the schema source: answers are checked against what clients read.
const ajv = new Ajv2020({ strict: false });
ajv.addSchema(spec, 'admin.json');
const pointer = (...tokens: string[]) => tokens.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** The schema of an operation's documented answer for a status, compiled from openapi/admin.json. */
function answerSchema(path: string, method: string, operation: Operation, status: number) {
  const response = operation.responses[String(status)];
  if (response === undefined) return undefined;
  const at =
    response.$ref === undefined
      ? pointer('paths', path, method.toLowerCase(), 'responses', String(status))
      : response.$ref.slice(1);
  return ajv.getSchema(`admin.json#${at}${pointer('content', 'application/json', 'schema')}`);
}

t.test('openapi/admin.json is what the route definitions generate (run npm run gen:openapi)', async (t) => {
  t.equal(committed, renderOpenApi(ADMIN_ROUTES));
});

t.test("docs/admin.md's route table names every operation", async (t) => {
  const docs = readFileSync(fromRoot('docs/admin.md'), 'utf8');
  for (const { method, path } of operations) t.match(docs, `\`${method} ${path}`, `${method} ${path} in docs/admin.md`);
});

t.test('every documented route answers as documented against a running node', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const ban = await admin(node.url, 'createBan', { body: { userId: 'spammer', reason: 'setup' } });
  const filter = await admin(node.url, 'createFilter', { body: { pattern: 'setup' } });
  const mute = await admin(node.url, 'muteUser', {
    params: { room: 'lobby' },
    body: { userId: 'chatty', reason: 'setup' },
  });
  const ids: Record<string, string> = {
    bans: ban.ok.ban.id,
    filters: filter.ok.filter.id,
    mutes: mute.ok.mute.id,
  };
  const idFor = (path: string) => ids[path.split('/')[1] as string] as string;
  const urlOf = (path: string, id?: string) =>
    path
      .replace('{room}', 'lobby')
      .replace('{userId}', 'spammer')
      .replace('{id}', id ?? idFor(path));

  const check = (
    label: string,
    path: string,
    method: string,
    operation: Operation,
    answer: AdminAnswer<unknown>,
    expect: (status: number) => boolean,
  ) => {
    const validate = answerSchema(path, method, operation, answer.status);
    t.ok(validate !== undefined, `${label}: ${answer.status} is documented for ${operation.operationId}`);
    t.ok(expect(answer.status), `${label}: ${operation.operationId} answered ${answer.status}`);
    if (validate !== undefined)
      t.ok(
        validate(answer.body),
        `${label}: ${operation.operationId} ${answer.status} body matches its schema ${JSON.stringify(validate.errors)}`,
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
    const send = (options: Parameters<typeof adminRequest>[3], at = url) => adminRequest(node.url, method, at, options);
    check('no token', path, method, operation, await send({ token: null, body: example }), (s) => s === 401);
    const viewer = await send({ token: token({ sub: 'v' }), body: example });
    check('viewer token', path, method, operation, viewer, (s) => s === 403);
    if (example !== undefined)
      check('unknown field', path, method, operation, await send({ body: { bogus: 1 } }), (s) => s === 400);
    if (path.includes('{id}'))
      check('unknown id', path, method, operation, await send({}, urlOf(path, 'missing')), (s) => s === 404);
    check('admin', path, method, operation, await send({ body: example }), (s) => s >= 200 && s < 300);
  }
});
