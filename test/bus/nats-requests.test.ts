import { JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { NatsRequests, NoRespondersError, RequestTimeoutError } from '../../src/bus/nats-requests.js';
import { NatsServer } from '../helpers/nats.js';

// The requests every forward and every JetStream write of a cluster node go through, on a real
// nats-server: answers reach the request that asked, silence times out, nobody listening is said so,
// JetStream's acks and refusals are read.

const server = await NatsServer.start();
const nc: NatsConnection = await connect({ servers: server.url, noEcho: true });
const responder: NatsConnection = await connect({ servers: server.url });
const requests = new NatsRequests(nc);
t.teardown(async () => {
  requests.close();
  await nc.close();
  await responder.close();
  await server.kill();
});
const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

t.test('concurrent requests each get their own answer', async (t) => {
  responder.subscribe('echo', { callback: (_err, msg) => void msg.respond(`re:${text(msg.data)}`) });
  await responder.flush();
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => requests.request('echo', Buffer.from(`q${i}`), undefined, 2000)),
  );
  t.same(
    answers.map((m) => text(m.data)),
    Array.from({ length: 200 }, (_, i) => `re:q${i}`),
  );
});

t.test('nobody subscribed: NoRespondersError at once, not a timeout', async (t) => {
  const started = Date.now();
  await t.rejects(requests.request('nobody.here', Buffer.from('x'), undefined, 5000), NoRespondersError);
  t.ok(Date.now() - started < 1000, 'answered by the server, not by the timeout');
});

t.test(
  'a responder that stays silent: RequestTimeoutError within the timeout plus one sweep; a late answer is ignored',
  async (t) => {
    const held: { respond: () => void }[] = [];
    responder.subscribe('silent', { callback: (_err, msg) => void held.push({ respond: () => msg.respond('late') }) });
    await responder.flush();
    const started = Date.now();
    await t.rejects(requests.request('silent', Buffer.from('x'), undefined, 300), RequestTimeoutError);
    const waited = Date.now() - started;
    t.ok(waited >= 300 && waited < 600, `timed out after ${waited} ms`);
    for (const h of held) h.respond();
    await responder.flush();
    // The next request still gets its own answer, not the late one.
    responder.subscribe('prompt', { callback: (_err, msg) => void msg.respond('prompt') });
    await responder.flush();
    t.equal(text((await requests.request('prompt', Buffer.from('x'), undefined, 2000)).data), 'prompt');
  },
);

t.test(
  'store: the stream seq, the first seq for a repeated Nats-Msg-Id, JetStream refusals as JetStreamApiError',
  async (t) => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'REQ', subjects: ['req.>'] });
    const h = (id: string, expect?: number) => {
      const hs = headers();
      hs.set('Nats-Msg-Id', id);
      if (expect !== undefined) hs.set('Nats-Expected-Last-Subject-Sequence', String(expect));
      return hs;
    };
    const first = await requests.store('req.a', Buffer.from('one'), h('m1'), 2000);
    t.ok(first >= 1);
    t.equal(await requests.store('req.a', Buffer.from('one again'), h('m1'), 2000), first, 'a duplicate id: same seq');
    const second = await requests.store('req.a', Buffer.from('two'), h('m2', first), 2000);
    t.ok(second > first);
    const refused = await requests
      .store('req.a', Buffer.from('three'), h('m3', first), 2000)
      .catch((err: unknown) => err);
    t.ok(refused instanceof JetStreamApiError, 'a stale expected seq is refused');
    t.equal((refused as JetStreamApiError).code, 10071, 'wrong last sequence');
    t.equal((await jsm.streams.info('REQ')).state.messages, 2, 'two stored');
  },
);

t.test('close rejects what is pending', async (t) => {
  const own = new NatsRequests(nc);
  responder.subscribe('never', { callback: () => undefined });
  await responder.flush();
  const pending = own.request('never', Buffer.from('x'), undefined, 10_000);
  own.close();
  await t.rejects(pending, /closing/);
});

t.test(
  "NATS refuses the reply subscription: the request fails at once with NATS's reason, not a timeout",
  async (t) => {
    // A user who may not subscribe to inboxes (a permissions mistake in a deployment's NATS config).
    const dir = t.testdir({});
    const config = join(dir, 'nats.conf');
    writeFileSync(
      config,
      `authorization { users = [
      { user: poster, password: secret, permissions: { subscribe: { deny: ["_INBOX.>"] } } },
      { user: answerer, password: secret }
    ] }\n`,
    );
    const restricted = await NatsServer.start(['-c', config]);
    const client = await connect({ servers: restricted.url, user: 'poster', pass: 'secret' });
    const answerer = await connect({ servers: restricted.url, user: 'answerer', pass: 'secret' });
    t.teardown(async () => {
      await client.close();
      await answerer.close();
      await restricted.kill();
    });
    answerer.subscribe('echo', { callback: (_err, msg) => void msg.respond('re') });
    await answerer.flush();
    const refused = new NatsRequests(client);
    const started = Date.now();
    const err = await refused.request('echo', Buffer.from('x'), undefined, 5000).catch((e: unknown) => e);
    t.ok(err instanceof Error && /permission/i.test(err.message), `NATS's reason: ${String(err)}`);
    t.notOk(err instanceof RequestTimeoutError, 'not a timeout');
    t.ok(Date.now() - started < 2000, 'failed before its 5 s timeout');
    refused.close();
  },
);
