import t from 'tap';
import { spawn } from 'node:child_process';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { GatewayProcess, MAIN } from '../helpers/gateway-process.js';
import { token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';

t.test('with no configuration it starts a dev node, prints its URL and a working poster token', async (t) => {
  // An empty AUTH_SECRET counts as unset.
  const server = await GatewayProcess.start('dev', { AUTH_SECRET: '' });
  t.teardown(() => server.kill());
  t.match(server.log, /DEV SETUP/);
  const token = /sample poster token \(24 h\): (\S+)/.exec(server.log)?.[1];
  t.ok(token, 'prints a token');
  const poster = await TestClient.connect(`ws://127.0.0.1:${server.port}/ws`, { token });
  poster.send({ comment: { room: 'demo', clientMsgId: '1', text: 'hello' } });
  t.equal((await poster.nextKind('ack')).ok, true, 'the printed token posts');
  await poster.close();
  const admin = /admin token \(24 h\): (\S+)/.exec(server.log)?.[1];
  t.ok(admin, 'prints an admin token');
  const audit = await fetch(`${server.url}/admin/v1/audit?limit=5`, { headers: { authorization: `Bearer ${admin}` } });
  t.equal(audit.status, 200, 'the printed admin token works on the admin API');
  t.match(server.log, new RegExp(`moderator console: http://127\\.0\\.0\\.1:${server.port}/console/`));
});

t.test('SIGTERM drains: goaway with a spread delay, close 1012, exit 0', async (t) => {
  const server = await GatewayProcess.start('drain', { DRAIN_RECONNECT_MAX_MS: '3000', LOG_LEVEL: 'info' });
  const viewers = await Promise.all(
    [0, 1, 2, 3, 4, 5].map(() => TestClient.connect(`ws://127.0.0.1:${server.port}/ws`)),
  );
  const stopped = server.kill('SIGTERM');
  const delays: number[] = [];
  for (const v of viewers) {
    const goaway = await v.nextKind('goaway');
    delays.push(Number(goaway.reconnectDelayMs));
    t.equal((await v.closed).code, CloseCode.SERVICE_RESTART);
  }
  t.ok(
    delays.every((d) => d >= 0 && d < 3000),
    `delays within bounds: ${delays.join(', ')}`,
  );
  t.ok(new Set(delays).size > 1, 'not all the same instant');
  await stopped;
  t.same(await server.exited, { code: 0, signal: null }, 'exit 0');
  // The last line is logged while the "draining" line may still be in flight to stdout: both reach it.
  t.match(server.log, /"msg":"draining"[^]*"msg":"drained"/, 'the log ends with "drained", written before the exit');
});

/** Runs the server with only `env` (and PATH) until it exits (killed after 15 s); its exit status and stderr. */
function runToExit(env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 15_000,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

t.test('refuses to start: on the uWS JS fallback, or in production without a secret', async (t) => {
  const typos = [
    ['NATS_ULR', 'nats://127.0.0.1:4222', 'NATS_ULR: not a variable of this server; did you mean NATS_URL?'],
    ['NODE_ENV', 'prod', 'NODE_ENV: expected production, development or test, got "prod"'],
  ] as const;
  // Each start-up is its own process: run them side by side.
  const [fallback, prod, bad, ...typoRuns] = await Promise.all([
    runToExit({ PORT: '0', UWS_USE_FALLBACK: '1' }),
    runToExit({ PORT: '0', NODE_ENV: 'production' }),
    runToExit({ BATCH_INTERVAL_MS: 'soon' }),
    ...typos.map(([variable, value]) => runToExit({ PORT: '0', [variable]: value })),
  ]);
  t.not(fallback.status, 0);
  t.match(fallback.stderr, /fallback.*refusing to start/);
  t.equal(prod.status, 2);
  t.match(prod.stderr, /AUTH_SECRET/);
  t.equal(bad.status, 2);
  t.match(bad.stderr, /BATCH_INTERVAL_MS/);
  typos.forEach(([variable, value, says], i) => {
    t.equal(typoRuns[i]?.status, 2, `${variable}=${value} stops start-up`);
    t.match(typoRuns[i]?.stderr, says);
  });
});

t.test('tokens and the secret never reach the logs', async (t) => {
  const secret = 'never-log-this-secret-42';
  const server = await GatewayProcess.start('logs', { AUTH_SECRET: secret, LOG_LEVEL: 'trace' });
  t.teardown(() => server.kill());
  const url = `ws://127.0.0.1:${server.port}/ws`;
  const good = token({ sub: 'logged-user' }, secret);
  const client = await TestClient.connect(url, { token: good });
  client.send({ hello: { token: 'not.a-valid.token' } });
  await client.closed;
  const refused = await TestClient.connect(url, { query: 'token=forged.token.value' }).catch(
    (err: { status?: number }) => err.status,
  );
  t.equal(refused, 401);
  const polled = await fetch(`http://127.0.0.1:${server.port}/poll?token=${good}`, {
    method: 'POST',
    body: new Uint8Array(),
  });
  t.ok(polled.status < 500);
  await server.kill('SIGTERM');
  const logs = server.log;
  t.match(logs, /"msg":"close"/, 'the connection was logged');
  t.notMatch(logs, secret, 'no secret');
  t.notMatch(logs, good.split('.')[2], 'no token signature');
  t.notMatch(logs, 'forged.token.value');
  t.notMatch(logs, 'not.a-valid.token');
});

t.test('SIGTERM ends a node whose stdout reader is gone (a dead log shipper): exit 0, not a hang', async (t) => {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening: http://')) resolve();
    });
  });
  // The reader goes away: every later write to the node's stdout fails with EPIPE.
  child.stdout.destroy();
  child.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref()),
  ]);
  t.equal(code, 0, `the node exits after its drain (stderr: ${stderr.slice(0, 300)})`);
});
