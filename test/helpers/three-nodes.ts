import type { Test } from 'tap';
import { TestClient } from './client.js';
import { GatewayProcess } from './gateway-process.js';
import { NatsServer, freePort } from './nats.js';
import { token } from './node.js';

/** Three node processes (A, B, C) on one private nats-server, and the clients a test opened on them. */
export interface ThreeNodes {
  readonly nats: NatsServer;
  readonly a: GatewayProcess;
  readonly b: GatewayProcess;
  readonly c: GatewayProcess;
  /** Messages nats-server has received and sent since it started (/varz in_msgs, out_msgs). */
  readonly natsMessages: () => Promise<{ readonly in: number; readonly out: number }>;
  /** A raw client on `node` (or a ws:// URL, e.g. a proxy's), anonymous or with a poster token for `user`; terminated at teardown. */
  readonly connect: (node: GatewayProcess | string, user?: string) => Promise<TestClient>;
}

/**
 * Starts a private nats-server and three nodes sharing it under NATS_PREFIX `prefix`, with limits
 * high enough that a test's posters are never rate limited (plus `env`). Everything stops at `t`'s teardown.
 */
export async function startThreeNodes(t: Test, prefix: string, env: Record<string, string> = {}): Promise<ThreeNodes> {
  const monitorPort = await freePort();
  const nats = await NatsServer.start(['-m', String(monitorPort)]);
  t.teardown(() => nats.stop());
  const nodeEnv = {
    NATS_URL: nats.url,
    NATS_PREFIX: prefix,
    COMMENT_RATE_PER_SEC: '5000',
    COMMENT_BURST: '5000',
    ROOM_RATE_PER_SEC: '100000',
    ...env,
  };
  const [a, b, c] = (await Promise.all(['A', 'B', 'C'].map((id) => GatewayProcess.start(id, nodeEnv)))) as [
    GatewayProcess,
    GatewayProcess,
    GatewayProcess,
  ];
  const clients: TestClient[] = [];
  t.teardown(async () => {
    for (const client of clients) client.ws.terminate();
    await Promise.all([a, b, c].map((node) => node.kill('SIGTERM')));
  });
  return {
    nats,
    a,
    b,
    c,
    natsMessages: async () => {
      const res = await fetch(`http://127.0.0.1:${monitorPort}/varz`, { signal: AbortSignal.timeout(2000) });
      const varz = (await res.json()) as { in_msgs: number; out_msgs: number };
      return { in: varz.in_msgs, out: varz.out_msgs };
    },
    connect: async (node, user) => {
      const url = typeof node === 'string' ? node : node.wsUrl;
      const client = await TestClient.connect(url, user === undefined ? {} : { token: token({ sub: user }) });
      clients.push(client);
      return client;
    },
  };
}
