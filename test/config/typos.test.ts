import { readFileSync } from 'node:fs';
import t from 'tap';
import { ConfigError, configVariables, loadConfig } from '../../src/config/config.js';
import { fromRoot } from '../helpers/root.js';

function refusal(env: Record<string, string>): ConfigError | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
}

t.test('a variable close to a known one stops start-up, naming the known one', async (t) => {
  const typos: [string, string][] = [
    ['NATS_ULR', 'NATS_URL'],
    ['NAST_URL', 'NATS_URL'],
    ['nats_url', 'NATS_URL'],
    ['PROT', 'PORT'],
    ['AUTH_SECRT', 'AUTH_SECRET'],
    ['BATCH_INTERVAL', 'BATCH_INTERVAL_MS'],
    ['HISTORY_MAX_AGE', 'HISTORY_MAX_AGE_MS'],
    ['MAX_COMENT_CHARS', 'MAX_COMMENT_CHARS'],
    ['LOG_LEVL', 'LOG_LEVEL'],
    ['NODE_EVN', 'NODE_ENV'],
    // Not within two edits of anything, but under a prefix only this server's variables use.
    ['NATS_SERVERS', 'NATS_USER'],
    ['HISTORY_BYTES', 'HISTORY_MAX_BATCHES'],
  ];
  for (const [typo, meant] of typos) {
    const err = refusal({ [typo]: 'nats://127.0.0.1:4222' });
    t.equal(err?.variable, typo, `${typo} is refused`);
    t.match(err?.message, `${typo}: not a variable of this server; did you mean ${meant}?`);
  }
});

t.test("other software's variables pass", async (t) => {
  const env: Record<string, string> = {};
  for (const name of [
    'PATH',
    'HOME',
    'HOSTNAME',
    'USER',
    'SHELL',
    'PWD',
    'OLDPWD',
    'LANG',
    'TERM',
    'TZ',
    'CI',
    'LOGNAME',
    'TMPDIR',
    'EDITOR',
    'NODE',
    'INIT_CWD',
    'UWS_USE_FALLBACK',
    'NODE_OPTIONS',
    'NODE_V8_COVERAGE',
    'NODE_EXTRA_CA_CERTS',
    // Set on this project's machines (CI runs with them).
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'NIX_SSL_CERT_FILE',
    'CURL_CA_BUNDLE',
    'AWS_CA_BUNDLE',
    'REQUESTS_CA_BUNDLE',
    'CONTAINER_NAME',
    'DEBIAN_FRONTEND',
    'LC_ALL',
    'XDG_DATA_DIRS',
    'npm_config_cache',
    'npm_lifecycle_event',
    'npm_package_name',
    // Kubernetes service links for services named nats and danmaku in the namespace.
    'NATS_SERVICE_HOST',
    'NATS_SERVICE_PORT',
    'NATS_SERVICE_PORT_CLIENT',
    'NATS_PORT',
    'NATS_PORT_4222_TCP',
    'NATS_PORT_4222_TCP_ADDR',
    'NATS_PORT_4222_TCP_PROTO',
    'DANMAKU_PORT_8080_TCP_PORT',
  ])
    env[name] = 'x';
  t.equal(refusal(env), undefined);
});

t.test('NODE_ENV is production, development or test', async (t) => {
  for (const value of ['prod', 'dev', 'Production', 'staging']) {
    const err = refusal({ NODE_ENV: value });
    t.equal(err?.variable, 'NODE_ENV', `${value} is refused`);
    t.match(err?.message, `expected production, development or test, got "${value}"`);
  }
  t.equal(loadConfig({ NODE_ENV: 'development' }).production, false);
  t.equal(loadConfig({ NODE_ENV: 'test' }).production, false);
});

t.test("README's configuration table lists exactly the variables the server reads", async (t) => {
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const documented = new Set<string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `')))
    for (const [, name] of (row.split(' | ')[0] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)) documented.add(name as string);
  t.same([...configVariables()].sort(), [...documented].sort());
});
