import t from 'tap';
import { admin, adminRequest, adminToken, type AdminAnswer } from '../helpers/admin.js';
import { startTestNode, token } from '../helpers/node.js';

t.test('admin API over real HTTP: auth, routing, bodies', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());

  t.test('auth matrix: no token, bad token, expired, viewer, admin', async (t) => {
    const expired = token({ sub: 'mod-1', role: 'admin', exp: Math.floor(Date.now() / 1000) - 10 });
    const forged = token({ sub: 'mod-1', role: 'admin' }, 'some-other-secret-0123456789');
    for (const [what, bearer] of [
      ['no token', null],
      ['garbage', 'not-a-jwt'],
      ['expired admin', expired],
      ['signed with another secret', forged],
    ] as const) {
      const answer = await admin(node.url, 'listBans', { token: bearer });
      t.equal(answer.status, 401, `${what}: 401`);
      t.same(answer.body, { error: 'unauthenticated' }, `${what}: nothing revealed`);
      t.equal(answer.headers.get('www-authenticate'), 'Bearer');
    }
    const unknownRoute = await adminRequest(node.url, 'GET', '/no-such-thing', { token: null });
    t.equal(unknownRoute.status, 401, 'unauthenticated callers cannot probe which routes exist');
    const viewer = await admin(node.url, 'createBan', {
      token: token({ sub: 'v', role: 'viewer' }),
      body: { userId: 'x', reason: 'r' },
    });
    t.equal(viewer.status, 403);
    t.same(viewer.body, { error: 'forbidden' });
    t.same((await admin(node.url, 'listBans')).ok, { bans: [] }, 'the viewer token changed nothing');
    t.equal((await admin(node.url, 'listBans', { token: adminToken() })).status, 200);
  });

  t.test('404 for unknown routes, 405 with Allow for wrong methods', async (t) => {
    const missing = await adminRequest(node.url, 'GET', '/nope');
    t.equal(missing.status, 404);
    t.equal(missing.error.error, 'not_found');
    t.equal((await admin(node.url, 'getBan', { params: { id: 'no-such-ban' } })).status, 404, 'an unknown ban id');
    const wrong = await adminRequest(node.url, 'DELETE', '/rooms');
    t.equal(wrong.status, 405);
    t.equal(wrong.error.error, 'method_not_allowed');
    t.equal(wrong.headers.get('allow'), 'GET');
    t.equal((await adminRequest(node.url, 'GET', '/rooms/lobby/settings')).headers.get('allow'), 'PUT, PATCH');
  });

  t.test('413 for a body over 64 KiB, before and while reading it', async (t) => {
    const big = { userId: 'u', reason: 'x'.repeat(70 * 1024) };
    const declared = await admin(node.url, 'createBan', { body: big });
    t.equal(declared.status, 413);
    t.equal(declared.error.error, 'too_large');
    // Chunked upload: no content-length, the limit is enforced as the bytes arrive.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10 * 1024)));
        controller.close();
      },
    });
    const res = await fetch(`${node.url}/admin/v1/bans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken()}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    t.equal(res.status, 413);
    t.same((await admin(node.url, 'listBans')).ok, { bans: [] }, 'nothing was created');
  });

  t.test('without ADMIN_ALLOWED_ORIGINS no answer carries CORS headers', async (t) => {
    const res = await fetch(`${node.url}/admin/v1/bans`, {
      method: 'OPTIONS',
      headers: { origin: 'https://console.example.com', 'access-control-request-method': 'GET' },
    });
    t.equal(res.status, 403);
    t.equal(res.headers.get('access-control-allow-origin'), null);
    const answer = await admin(node.url, 'listBans', { headers: { origin: 'https://console.example.com' } });
    t.equal(answer.status, 200);
    t.equal(answer.headers.get('access-control-allow-origin'), null);
    t.equal(answer.headers.get('vary'), null);
  });

  t.test('400 answers name the bad field', async (t) => {
    const lobby = { room: 'lobby' };
    // Each case: the field at fault, the body sent, and the call sending it (typed per operation).
    const bad = (field: string, body: unknown, send: (body: unknown) => Promise<AdminAnswer<unknown>>) => ({
      label: JSON.stringify(body),
      field,
      send: () => send(body),
    });
    const ban = (body: unknown) => admin(node.url, 'createBan', { body });
    const patch = (body: unknown) => admin(node.url, 'updateRoomSettings', { params: lobby, body });
    const recall = (body: unknown) => admin(node.url, 'recallDanmaku', { params: lobby, body });
    const filter = (body: unknown) => admin(node.url, 'createFilter', { body });
    const cases = [
      bad('userId', { reason: 'spam' }, ban),
      bad('reason', { userId: 'u1' }, ban),
      bad('durationSeconds', { userId: 'u1', reason: 'r', durationSeconds: -5 }, ban),
      bad('durationSeconds', { userId: 'u1', reason: 'r', durationSeconds: '60' }, ban),
      bad('room', { userId: 'u1', reason: 'r', room: 'bad room!' }, ban),
      bad('rom', { userId: 'u1', reason: 'r', rom: 'lobby' }, ban),
      bad('body', [1, 2], ban),
      bad('slowModeSeconds', { slowModeSeconds: 1.5 }, patch),
      bad('muted', { muted: 'yes' }, patch),
      bad('maxCommentChars', { maxCommentChars: 0 }, patch),
      bad('room', { muted: true }, (body) =>
        admin(node.url, 'replaceRoomSettings', { params: { room: 'bad room' }, body }),
      ),
      bad('ids', { ids: [] }, recall),
      bad('ids[1]', { ids: ['ok', 7] }, recall),
      bad('text', { text: '' }, (body) => admin(node.url, 'postNotice', { params: lobby, body })),
      bad('reason', { userId: 'u1' }, (body) => admin(node.url, 'kickUser', { body })),
      bad('action', { pattern: 'x', action: 'delete' }, filter),
      bad('pattern', { pattern: '(unclosed', kind: 'regex' }, filter),
      bad('pattern', {}, filter),
    ];
    for (const { label, field, send } of cases) {
      const answer = await send();
      t.equal(answer.status, 400, `${label}: 400`);
      t.equal(answer.error.field, field, `names ${field}`);
      t.match(answer.error.message, field);
    }
    const notJson = await admin(node.url, 'createBan', {
      raw: '{"userId":',
      headers: { 'content-type': 'application/json' },
    });
    t.equal(notJson.status, 400);
    t.equal(notJson.error.field, 'body');
    const empty = await admin(node.url, 'createBan', { raw: '' });
    t.equal(empty.status, 400);
    t.equal(empty.error.field, 'body');
    const badLimit = await admin(node.url, 'readAudit', { query: { limit: 0 } });
    t.equal(badLimit.status, 400);
    t.equal(badLimit.error.field, 'limit');
  });
});

t.test('CORS with ADMIN_ALLOWED_ORIGINS: preflight before auth, allowed origin only', async (t) => {
  const consoleOrigin = 'https://console.example.com';
  const node = await startTestNode({ ADMIN_ALLOWED_ORIGINS: `${consoleOrigin}, http://localhost:5173` });
  t.teardown(() => node.drain());
  const preflight = (origin: string, path = '/bans') =>
    fetch(`${node.url}/admin/v1${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  const allowed = await preflight(consoleOrigin);
  t.equal(allowed.status, 204, 'an allowed origin is answered without a token');
  t.equal(allowed.headers.get('access-control-allow-origin'), consoleOrigin, 'that origin, not *');
  t.equal(allowed.headers.get('vary'), 'Origin');
  t.equal(allowed.headers.get('access-control-allow-methods'), 'GET, POST, PUT, PATCH, DELETE');
  t.equal(allowed.headers.get('access-control-allow-headers'), 'authorization, content-type');
  t.equal(allowed.headers.get('access-control-max-age'), '600');
  t.equal(await allowed.text(), '');
  t.equal((await preflight(consoleOrigin, '/no-such-route')).status, 204, 'a preflight reveals nothing about routes');

  const refused = await preflight('https://evil.example.com');
  t.equal(refused.status, 403, 'another origin is refused');
  t.same(await refused.json(), { error: 'origin_not_allowed' });
  t.equal(refused.headers.get('access-control-allow-origin'), null, 'with no CORS grant');

  const fromConsole = await admin(node.url, 'createBan', {
    body: { userId: 'u1', reason: 'spam' },
    headers: { origin: consoleOrigin },
  });
  t.equal(fromConsole.status, 201);
  t.equal(fromConsole.headers.get('access-control-allow-origin'), consoleOrigin, 'actual answers carry the grant');
  t.equal(fromConsole.headers.get('vary'), 'Origin');
  const unauthenticated = await admin(node.url, 'listBans', { token: null, headers: { origin: consoleOrigin } });
  t.equal(unauthenticated.status, 401);
  t.equal(
    unauthenticated.headers.get('access-control-allow-origin'),
    consoleOrigin,
    'so is a refusal, which the console can then read',
  );
  t.match(unauthenticated.headers.get('access-control-expose-headers'), /www-authenticate/);
  const elsewhere = await admin(node.url, 'listBans', { headers: { origin: 'https://evil.example.com' } });
  t.equal(elsewhere.status, 200, 'a request from another origin is served (same-origin POSTs carry Origin too)');
  t.equal(elsewhere.headers.get('access-control-allow-origin'), null, 'but grants nothing to a browser');
});
