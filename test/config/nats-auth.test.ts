import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const base = { AUTH_SECRET: 'test-secret-0123456789abcdef', NATS_URL: 'nats://127.0.0.1:4222' };

function refusal(env: Record<string, string>): string | undefined {
  try {
    loadConfig({ ...base, ...env });
    return undefined;
  } catch (err) {
    return err instanceof ConfigError ? err.variable : 'not a ConfigError';
  }
}

t.test('NATS credentials: one kind at a time, files must be readable, the variable is named', async (t) => {
  t.same(
    loadConfig(base).natsAuth,
    { user: undefined, password: undefined, token: undefined, credsFile: undefined, tlsCaFile: undefined },
    'none by default',
  );
  t.same(loadConfig({ ...base, NATS_USER: 'u', NATS_PASSWORD: 'p' }).natsAuth.user, 'u');
  t.equal(loadConfig({ ...base, NATS_TOKEN: 's3cret' }).natsAuth.token, 's3cret');
  const file = new URL(import.meta.url).pathname;
  t.equal(loadConfig({ ...base, NATS_CREDS_FILE: file, NATS_TLS_CA_FILE: file }).natsAuth.credsFile, file);
  t.equal(refusal({ NATS_USER: 'u' }), 'NATS_PASSWORD', 'a user without a password');
  t.equal(refusal({ NATS_PASSWORD: 'p' }), 'NATS_USER', 'a password without a user');
  t.equal(refusal({ NATS_USER: 'u', NATS_PASSWORD: 'p', NATS_TOKEN: 'x' }), 'NATS_TOKEN', 'two kinds of credential');
  t.equal(refusal({ NATS_CREDS_FILE: '/nonexistent/user.creds' }), 'NATS_CREDS_FILE', 'an unreadable creds file');
  t.equal(refusal({ NATS_TLS_CA_FILE: '/nonexistent/ca.pem' }), 'NATS_TLS_CA_FILE', 'an unreadable CA file');
});
