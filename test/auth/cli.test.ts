import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { SECRET, startTestNode } from '../helpers/node.js';
import { fromRoot } from '../helpers/root.js';

const CLI = fromRoot('dist/src/cli/token.js');

/** Runs the token command; its stdout must be the token alone. */
function cli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; token: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, token: run.stdout.trim(), stderr: run.stderr };
}

async function post(wsUrl: string, token: string, room: string): Promise<number> {
  const client = await TestClient.connect(wsUrl, { token });
  client.send({ comment: { room, clientMsgId: 'cli', text: 'signed by the CLI' } });
  const ack = await client.nextKind('ack');
  await client.close();
  return ack.code ?? 0;
}

t.test('HS256 with AUTH_SECRET: an admin token the admin API takes, a viewer token limited to its rooms', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const admin = cli(['--sub', 'mod', '--role', 'admin', '--ttl', '10m'], { AUTH_SECRET: SECRET });
  t.equal(admin.status, 0);
  t.match(admin.token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'stdout is the token alone');
  t.match(admin.stderr, /HS256 token for sub=mod role=admin/);
  const audit = await fetch(`${node.url}/admin/v1/audit?limit=1`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  t.equal(audit.status, 200);
  const viewer = cli(['token', '--sub', 'v1', '--rooms', 'a,b'], { AUTH_SECRET: SECRET });
  t.equal(await post(node.wsUrl, viewer.token, 'a'), ErrorCode.OK, '`token` subcommand form; may post in a');
  t.equal(await post(node.wsUrl, viewer.token, 'c'), ErrorCode.FORBIDDEN, 'not in c');
  const denied = await fetch(`${node.url}/admin/v1/audit`, { headers: { authorization: `Bearer ${viewer.token}` } });
  t.equal(denied.status, 403, 'a viewer token is not an admin token');
});

t.test('ES256 from a PEM key and RS256 from a JWK key, verified through the JWKS of their public keys', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'ec.pem'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'rsa.jwk'), JSON.stringify(rsa.privateKey.export({ format: 'jwk' })));
  const keys = [
    { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256' },
    { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256' },
  ];
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys }));
  const node = await startTestNode({ AUTH_JWKS_FILE: join(dir, 'jwks.json'), AUTH_ISSUER: 'cli-test' });
  t.teardown(() => node.drain());
  const es = cli(['--sub', 'e', '--key', join(dir, 'ec.pem'), '--kid', 'ec-1', '--iss', 'cli-test']);
  t.equal(es.status, 0, es.stderr);
  t.match(es.stderr, /^ES256 token/);
  t.equal(await post(node.wsUrl, es.token, 'r'), ErrorCode.OK);
  const rs = cli(['--sub', 'r', '--key', join(dir, 'rsa.jwk'), '--kid', 'rsa-1', '--iss', 'cli-test']);
  t.match(rs.stderr, /^RS256 token/);
  t.equal(await post(node.wsUrl, rs.token, 'r'), ErrorCode.OK);
  const noIssuer = cli(['--sub', 'r', '--key', join(dir, 'rsa.jwk'), '--kid', 'rsa-1']);
  await t.rejects(TestClient.connect(node.wsUrl, { token: noIssuer.token }), /401/, 'the node wants its issuer');
});

t.test('bad input: a clear message and exit 2, nothing on stdout', async (t) => {
  for (const [args, env, message] of [
    [['--sub', 'x'], {}, /set AUTH_SECRET/],
    [['--role', 'admin'], { AUTH_SECRET: SECRET }, /--sub/],
    [['--sub', 'x', '--ttl', 'soon'], { AUTH_SECRET: SECRET }, /--ttl/],
    [['--sub', 'x', '--bogus'], { AUTH_SECRET: SECRET }, /Unknown option/],
  ] as const) {
    const run = cli([...args], { ...env });
    t.not(run.status, 0, args.join(' '));
    t.equal(run.token, '', 'no token printed');
    t.match(run.stderr, message);
  }
});
