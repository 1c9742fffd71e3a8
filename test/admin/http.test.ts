import t from 'tap';
import { admin, adminToken } from '../helpers/admin.js';
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
      const answer = await admin(node.url, 'GET', '/bans', { token: bearer });
      t.equal(answer.status, 401, `${what}: 401`);
      t.same(answer.body, { error: 'unauthenticated' }, `${what}: nothing revealed`);
      t.equal(answer.headers.get('www-authenticate'), 'Bearer');
    }
    const unknownRoute = await admin(node.url, 'GET', '/no-such-thing', { token: null });
    t.equal(unknownRoute.status, 401, 'unauthenticated callers cannot probe which routes exist');
    const viewer = await admin(node.url, 'POST', '/bans', {
      token: token({ sub: 'v', role: 'viewer' }),
      body: { userId: 'x', reason: 'r' },
    });
    t.equal(viewer.status, 403);
    t.same(viewer.body, { error: 'forbidden' });
    t.same((await admin(node.url, 'GET', '/bans')).body, { bans: [] }, 'the viewer token changed nothing');
    t.equal((await admin(node.url, 'GET', '/bans', { token: adminToken() })).status, 200);
  });

  t.test('404 for unknown routes, 405 with Allow for wrong methods', async (t) => {
    const missing = await admin(node.url, 'GET', '/nope');
    t.equal(missing.status, 404);
    t.equal(missing.body.error, 'not_found');
    t.equal((await admin(node.url, 'GET', '/bans/no-such-ban')).status, 404, 'an unknown ban id');
    const wrong = await admin(node.url, 'DELETE', '/rooms');
    t.equal(wrong.status, 405);
    t.equal(wrong.body.error, 'method_not_allowed');
    t.equal(wrong.headers.get('allow'), 'GET');
    t.equal((await admin(node.url, 'GET', '/rooms/lobby/settings')).headers.get('allow'), 'PUT, PATCH');
  });

  t.test('413 for a body over 64 KiB, before and while reading it', async (t) => {
    const big = { userId: 'u', reason: 'x'.repeat(70 * 1024) };
    const declared = await admin(node.url, 'POST', '/bans', { body: big });
    t.equal(declared.status, 413);
    t.equal(declared.body.error, 'too_large');
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
    t.same((await admin(node.url, 'GET', '/bans')).body, { bans: [] }, 'nothing was created');
  });

  t.test('400 answers name the bad field', async (t) => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/bans', { reason: 'spam' }, 'userId'],
      ['POST', '/bans', { userId: 'u1' }, 'reason'],
      ['POST', '/bans', { userId: 'u1', reason: 'r', durationSeconds: -5 }, 'durationSeconds'],
      ['POST', '/bans', { userId: 'u1', reason: 'r', durationSeconds: '60' }, 'durationSeconds'],
      ['POST', '/bans', { userId: 'u1', reason: 'r', room: 'bad room!' }, 'room'],
      ['POST', '/bans', { userId: 'u1', reason: 'r', rom: 'lobby' }, 'rom'],
      ['POST', '/bans', [1, 2], 'body'],
      ['PATCH', '/rooms/lobby/settings', { slowModeSeconds: 1.5 }, 'slowModeSeconds'],
      ['PATCH', '/rooms/lobby/settings', { muted: 'yes' }, 'muted'],
      ['PATCH', '/rooms/lobby/settings', { maxCommentChars: 0 }, 'maxCommentChars'],
      ['PUT', '/rooms/bad%20room/settings', { muted: true }, 'room'],
      ['POST', '/rooms/lobby/recall', { ids: [] }, 'ids'],
      ['POST', '/rooms/lobby/recall', { ids: ['ok', 7] }, 'ids[1]'],
      ['POST', '/rooms/lobby/notices', { text: '' }, 'text'],
      ['POST', '/kick', { userId: 'u1' }, 'reason'],
      ['POST', '/filters', { pattern: 'x', action: 'delete' }, 'action'],
      ['POST', '/filters', { pattern: '(unclosed', kind: 'regex' }, 'pattern'],
      ['POST', '/filters', {}, 'pattern'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await admin(node.url, method, path, { body });
      t.equal(answer.status, 400, `${method} ${path} ${JSON.stringify(body)}: 400`);
      t.equal(answer.body.field, field, `names ${field}`);
      t.match(answer.body.message, field);
    }
    const notJson = await admin(node.url, 'POST', '/bans', {
      raw: '{"userId":',
      headers: { 'content-type': 'application/json' },
    });
    t.equal(notJson.status, 400);
    t.equal(notJson.body.field, 'body');
    const empty = await admin(node.url, 'POST', '/bans', { raw: '' });
    t.equal(empty.status, 400);
    t.equal(empty.body.field, 'body');
    const badLimit = await admin(node.url, 'GET', '/audit?limit=0');
    t.equal(badLimit.status, 400);
    t.equal(badLimit.body.field, 'limit');
  });
});
