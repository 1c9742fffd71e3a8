import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken, type Claims } from '../../src/auth/token.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { startNode, type Node } from '../../src/server.js';

export const SECRET = 'test-secret-0123456789abcdef';

/** A fresh directory for a node's DATA_DIR; pass the same one to a second node to test a restart. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'danmaku-test-'));
}

/**
 * Starts a node in this process on a free loopback port. Without a DATA_DIR it gets a temp one of
 * its own, removed when it drains.
 */
export async function startTestNode(env: Record<string, string> = {}): Promise<Node & { url: string; wsUrl: string }> {
  const ownDataDir = env.DATA_DIR === undefined ? tempDataDir() : undefined;
  // Tests make admin calls back to back from one IP; the admin rate limit has its own test.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    NODE_ID: 'test-node',
    DATA_DIR: ownDataDir ?? '',
    ADMIN_RATE_PER_SEC: '100000',
    ...env,
  });
  const node = await startNode(config, createLogger(config.logLevel, config.nodeId));
  const drain = node.drain.bind(node);
  return Object.assign(node, {
    url: `http://127.0.0.1:${node.port}`,
    wsUrl: `ws://127.0.0.1:${node.port}/ws`,
    drain: async () => {
      await drain();
      if (ownDataDir !== undefined) rmSync(ownDataDir, { recursive: true, force: true });
    },
  });
}

export function token(claims: Partial<Claims> & { sub: string }, secret = SECRET): string {
  return signToken(secret, {
    name: claims.sub,
    rooms: ['*'],
    role: 'viewer',
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...claims,
  });
}
