import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** A signing key made in the test: its private half signs, its public JWK goes into a JWKS. */
export interface TestKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

export async function makeKey(alg: 'RS256' | 'ES256', kid: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The claims a poster token carries by default: a viewer allowed everywhere for an hour. */
export function posterClaims(sub: string): JWTPayload {
  return { sub, name: sub, rooms: ['*'], role: 'viewer', exp: Math.floor(Date.now() / 1000) + 3600 };
}

/** Signs `claims` with a test key through jose (header alg and kid from the key, unless overridden). */
export function signWith(
  key: TestKey,
  claims: JWTPayload,
  header: { alg?: string; kid?: string } = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, ...header }).sign(key.privateKey);
}

export function jwks(...keys: TestKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.jwk) };
}

/** A local HTTP server publishing a JWKS that a test can change (rotation), counting the fetches. */
export class JwksServer {
  fetches = 0;
  private constructor(
    private readonly server: Server,
    private body: string,
  ) {
    server.on('request', (_req, res) => {
      this.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(this.body);
    });
  }

  static async start(set: { keys: JWK[] }): Promise<JwksServer> {
    const server = createServer();
    const published = new JwksServer(server, JSON.stringify(set));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return published;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  publish(set: { keys: JWK[] }): void {
    this.body = JSON.stringify(set);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
