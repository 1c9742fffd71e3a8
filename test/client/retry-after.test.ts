import t from 'tap';
import { createNodeClient } from 'danmaku-client/node';
import { TestClient } from '../helpers/client.js';
import { startTestNode } from '../helpers/node.js';
import { EventLog } from '../helpers/sdk.js';

// Backoff alone would retry within 50 ms: any longer wait comes from the server's Retry-After.
const QUICK = { baseMs: 50, capMs: 50, maxAttempts: Infinity, stableAfterMs: 60_000 };

t.test(
  'an upgrade refused with Retry-After: the Node SDK waits at least that long (plus jitter) before trying again, then gets in',
  async (t) => {
    const node = await startTestNode({ UPGRADE_RATE_PER_IP: '1' });
    t.teardown(() => node.drain());
    // The per-IP bucket holds two upgrades; these take both, so the SDK's first attempt is refused.
    const holders = await Promise.all([TestClient.connect(node.wsUrl), TestClient.connect(node.wsUrl)]);
    t.teardown(() => Promise.all(holders.map((h) => h.close())));

    const client = createNodeClient({ urls: node.wsUrl, reconnect: QUICK });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    const startedAt = Date.now();
    client.connect();
    const retry = await log.next('reconnecting');
    t.match(retry.reason, /429/, 'the upgrade was refused with 429');
    t.ok(
      retry.delayMs >= 1000 && retry.delayMs < 1000 + QUICK.baseMs,
      `waits Retry-After (1 s) plus jitter under ${QUICK.baseMs} ms: ${retry.delayMs} ms`,
    );
    await log.next('open');
    t.ok(Date.now() - startedAt >= 1000, 'connected only after the Retry-After had passed');
    t.equal(log.of('reconnecting').length, 1, 'one refusal, then admitted');
  },
);
