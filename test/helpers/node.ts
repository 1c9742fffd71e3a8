import { signToken, type Claims } from '../../src/auth/token.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { startNode, type Node } from '../../src/server.js';

export const SECRET = 'test-secret-0123456789abcdef';

/** Starts a node in this process on a free loopback port. */
export async function startTestNode(env: Record<string, string> = {}): Promise<Node & { url: string; wsUrl: string }> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', AUTH_SECRET: SECRET, LOG_LEVEL: 'silent', NODE_ID: 'test-node', ...env });
  const node = await startNode(config, createLogger(config.logLevel, config.nodeId));
  return Object.assign(node, { url: `http://127.0.0.1:${node.port}`, wsUrl: `ws://127.0.0.1:${node.port}/ws` });
}

export function token(claims: Partial<Claims> & { sub: string }, secret = SECRET): string {
  return signToken(secret, { name: claims.sub, rooms: ['*'], role: 'viewer', exp: Math.floor(Date.now() / 1000) + 3600, ...claims });
}
