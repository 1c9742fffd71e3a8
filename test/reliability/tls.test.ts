import t from 'tap';
import { execFileSync } from 'node:child_process';
import { get } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { decodeServerFrame } from '../../src/protocol/codec.js';
import { startTestNode } from '../helpers/node.js';

const dir = mkdtempSync(join(tmpdir(), 'danmaku-tls-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ],
  { stdio: 'ignore' },
);

t.test('wss and https with the configured certificate; plain ws to the TLS port fails', async (t) => {
  const node = await startTestNode({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
  t.teardown(() => node.drain());
  const secure = new WebSocket(`wss://127.0.0.1:${node.port}/ws`, { ca: readFileSync(cert) });
  const welcome = await new Promise<string>((resolve, reject) => {
    secure.once('message', (data: Buffer) => {
      const decoded = decodeServerFrame(new Uint8Array(data));
      resolve(decoded.ok ? (decoded.frame.kind ?? '') : 'undecodable');
    });
    secure.once('error', reject);
  });
  t.equal(welcome, 'welcome', 'a client trusting the certificate gets its welcome over wss');
  secure.close();

  const health = await new Promise<string>((resolve, reject) => {
    get(`https://127.0.0.1:${node.port}/healthz`, { ca: readFileSync(cert) }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).once('error', reject);
  });
  t.equal(health, '200 ok', 'https on the same port');

  const plain = new WebSocket(`ws://127.0.0.1:${node.port}/ws`);
  const failed = await new Promise<boolean>((resolve) => {
    plain.once('open', () => resolve(false));
    plain.once('error', () => resolve(true));
    plain.once('close', () => resolve(true));
  });
  t.ok(failed, 'plain ws is not served on the TLS port');

  const untrusted = new WebSocket(`wss://127.0.0.1:${node.port}/ws`);
  const refused = await new Promise<string>((resolve) => {
    untrusted.once('open', () => resolve('opened'));
    untrusted.once('error', (err) => resolve(err.message));
  });
  t.match(refused, /self.signed|certificate/i, 'a client that does not trust the certificate refuses it');
});

t.test('a certificate path that cannot be read stops start-up naming the variable', async (t) => {
  await t.rejects(startTestNode({ TLS_CERT_FILE: join(dir, 'missing.pem'), TLS_KEY_FILE: key }), /TLS_CERT_FILE/);
});
