import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { token } from '../helpers/node.js';

// A connection with a token in its upgrade request is upgraded on a later turn, once the token is
// verified. With the uWS build in use, upgrading inside res.cork now and then shut the new socket
// down right after the 101 (uNetworking/uWebSockets #1929): the client got welcome, then 1006, and
// a poster that did not watch for the close lost every comment. Under --cpu-prof a fresh node's
// first such connection hit it nearly every time, so the node here runs under the profiler.
t.test(
  'a fresh node: every connection upgraded with a header or query token stays open and gets its comment acked, with no other socket open and with one',
  async (t) => {
    const profiles = mkdtempSync(join(tmpdir(), 'upgrade-profile-'));
    const server = await GatewayProcess.start('token-upgrade', {}, ['--cpu-prof', '--cpu-prof-dir', profiles]);
    t.teardown(async () => {
      await server.kill();
      rmSync(profiles, { recursive: true, force: true });
    });
    const post = async (where: 'header' | 'query', sub: string): Promise<void> => {
      const bearer = token({ sub });
      const client = await TestClient.connect(
        server.wsUrl,
        where === 'header' ? { token: bearer } : { query: `token=${bearer}` },
      );
      client.send({ comment: { room: 'r', clientMsgId: sub, text: `from ${sub}` } });
      const outcome = await Promise.race([
        client.nextKind('ack').then((ack) => (ack.ok === true ? 'acked' : `refused ${String(ack.code)}`)),
        client.closed.then((closed) => `closed ${closed.code}`),
      ]);
      t.equal(outcome, 'acked', `${sub} (token in the ${where}) stayed open and was acked`);
      await client.close();
    };
    for (let i = 0; i < 3; i++) {
      await post('header', `alone-h${i}`);
      await post('query', `alone-q${i}`);
    }
    const viewer = await TestClient.connect(server.wsUrl);
    const warnings = (server.log.match(/Warning: uWS/g) ?? []).length;
    for (let i = 0; i < 3; i++) {
      await post('header', `beside-h${i}`);
      await post('query', `beside-q${i}`);
    }
    t.equal(
      (server.log.match(/Warning: uWS/g) ?? []).length,
      warnings,
      'with another socket open the upgrade is corked: uWS.js prints no corking warning',
    );
    await viewer.close();
  },
);
