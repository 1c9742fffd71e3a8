import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config/config.js';

t.test('defaults make a working dev node with a random secret', async (t) => {
  const config = loadConfig({});
  t.equal(config.port, 8080);
  t.equal(config.natsUrl, undefined);
  t.equal(config.devSecret, true);
  t.ok(config.authSecret.length >= 32);
  t.not(loadConfig({}).authSecret, config.authSecret, 'a new secret each start');
  t.ok(Object.isFrozen(config));
});

t.test('NATS_URL is a comma-separated list of servers; NATS_REPLICAS defaults to 1', async (t) => {
  const config = loadConfig({ NATS_URL: 'nats://n1:4222, tls://n2:4222,n3:4222' });
  t.same(config.natsUrl, ['nats://n1:4222', 'tls://n2:4222', 'n3:4222'], 'every server, trimmed, in order');
  t.equal(config.natsReplicas, 1);
  t.equal(loadConfig({ NATS_URL: 'nats://n1:4222', NATS_REPLICAS: '3' }).natsReplicas, 3);
  t.equal(config.batchAlignMs, 20, 'a cluster node aligns quiet rooms to 20 ms boundaries by default');
  t.equal(loadConfig({}).batchAlignMs, 5, 'one node aligns quiet rooms to 5 ms boundaries by default');
  t.equal(loadConfig({ BATCH_ALIGN_MS: '0' }).batchAlignMs, 0, 'one node can flush a quiet room on the next turn');
  t.equal(loadConfig({ NATS_URL: 'nats://n1:4222', BATCH_ALIGN_MS: '0' }).batchAlignMs, 0);
});

t.test('bad values stop start-up with a message naming the variable', async (t) => {
  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ BATCH_INTERVAL_MS: '0' }, 'BATCH_INTERVAL_MS'],
    [{ BATCH_ALIGN_MS: '1001' }, 'BATCH_ALIGN_MS'],
    [{ BATCH_ALIGN_MS: '-1' }, 'BATCH_ALIGN_MS'],
    [{ HISTORY_MAX_BATCHES: '1.5' }, 'HISTORY_MAX_BATCHES'],
    [{ NODE_ENV: 'production' }, 'AUTH_SECRET'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ NATS_URL: 'http://x' }, 'NATS_URL'],
    [{ NATS_URL: 'nats://a:4222,,nats://b:4222' }, 'NATS_URL'],
    [{ NATS_URL: 'nats://a:4222,http://b' }, 'NATS_URL'],
    [{ NATS_URL: 'nats://a:4222, nats://a:4222' }, 'NATS_URL'],
    [{ NATS_REPLICAS: '0' }, 'NATS_REPLICAS'],
    [{ NATS_REPLICAS: '6' }, 'NATS_REPLICAS'],
    [{ NATS_REPLICAS: 'three' }, 'NATS_REPLICAS'],
    [{ TLS_CERT_FILE: '/tmp/cert.pem' }, 'TLS_KEY_FILE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ IDLE_TIMEOUT_SEC: '2' }, 'IDLE_TIMEOUT_SEC'],
  ];
  for (const [env, variable] of bad) {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      thrown = err;
    }
    t.ok(thrown instanceof ConfigError, `${JSON.stringify(env)} is refused`);
    if (thrown instanceof ConfigError) {
      t.equal(thrown.variable, variable);
      t.match(thrown.message, new RegExp(`^${variable}: `));
    }
  }
});

t.test('production with a secret starts', async (t) => {
  const config = loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'a-production-secret-of-length' });
  t.equal(config.devSecret, false);
  t.equal(config.production, true);
});
