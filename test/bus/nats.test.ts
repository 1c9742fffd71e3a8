import { randomBytes } from 'node:crypto';
import t from 'tap';
import { BusUnavailableError, type Signal, type StoredBatch } from '../../src/bus/bus.js';
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsBus, connectNats } from '../../src/bus/nats.js';
import { NO_AUTH, NatsServer } from '../helpers/nats.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { busContract } from './contract.js';
import { waitFor } from '../helpers/wait.js';

const server = await NatsServer.start();
t.teardown(() => server.stop());

async function natsBus(prefix: string, historyMaxBatches = 1000, log = new RecordedTelemetry().log): Promise<NatsBus> {
  const connection = await connectNats(server.url, NO_AUTH, `test-${prefix}`);
  return NatsBus.start(connection, { prefix, historyMaxBatches, historyMaxAgeMs: 60_000, publishTimeoutMs: 1000, log });
}

const freshPrefix = () => `t${randomBytes(4).toString('hex')}`;

/** Deliveries have no event a test can await from outside the callback: poll, bounded. */
const until = (check: () => boolean, what: string, timeoutMs = 5000) => waitFor(what, check, { timeoutMs });

t.test('contract', async (t) => {
  busContract(t, ({ historyMaxBatches }) => natsBus(freshPrefix(), historyMaxBatches));
});

t.test('room ids with . and : map to their own subjects', async (t) => {
  const bus = await natsBus(freshPrefix());
  t.teardown(() => bus.close());
  const rooms = ['a.b', 'a:b', 'a_b', 'a', '.a', 'a.'];
  const got = new Map<string, StoredBatch[]>();
  const subs = rooms.map((room) => {
    got.set(room, []);
    return bus.subscribe(room, (b) => got.get(room)?.push(b));
  });
  t.teardown(() => subs.forEach((s) => s.close()));
  await Promise.all(subs.map((s) => s.ready));
  for (const room of rooms) await bus.publish(room, new TextEncoder().encode(room), Date.now());
  const last = rooms.at(-1) as string;
  await bus.publish(last, new TextEncoder().encode('end'), Date.now());
  await until(() => (got.get(last)?.length ?? 0) >= 2, `the second batch of ${last}`);
  for (const room of rooms) {
    t.same(
      got
        .get(room)
        ?.slice(0, 1)
        .map((b) => new TextDecoder().decode(b.body)),
      [room],
      `${room} receives only its own batch`,
    );
    t.equal((await bus.head(room)).seq, got.get(room)?.at(-1)?.seq);
  }
});

t.test('signals cross connections', async (t) => {
  const prefix = freshPrefix();
  const [a, b] = [await natsBus(prefix), await natsBus(prefix)];
  t.teardown(() => Promise.all([a.close(), b.close()]));
  const atB = new Promise<Signal>((resolve) => b.onSignal(resolve));
  await a.signal({ type: 'hello', from: 'a' });
  t.same(await atB, { type: 'hello', from: 'a' });
});

t.test('NATS down: publish is refused, readiness drops, and everything recovers after restart', async (t) => {
  const prefix = freshPrefix();
  const bus = await natsBus(prefix);
  t.teardown(() => bus.close());
  const readiness: boolean[] = [];
  let waiting: { want: boolean; resolve: () => void } | undefined;
  bus.onReadyChange((ready) => {
    readiness.push(ready);
    if (waiting?.want === ready) waiting.resolve();
  });
  const changed = (want: boolean) => new Promise<void>((resolve) => (waiting = { want, resolve }));
  const got: StoredBatch[] = [];
  const sub = bus.subscribe('room', (b) => got.push(b));
  t.teardown(() => sub.close());
  const ready = await sub.ready;
  const before = await bus.publish('room', new TextEncoder().encode('before'), Date.now());

  const down = changed(false);
  await server.kill();
  await down;
  t.equal(bus.isReady(), false);
  await t.rejects(
    bus.publish('room', new TextEncoder().encode('lost'), Date.now()),
    BusUnavailableError,
    'publish while down: unavailable',
  );
  await t.rejects(
    bus.signal({ type: 'x' }),
    BusUnavailableError,
    'signal while down: unavailable, not dropped silently',
  );

  const up = changed(true);
  await server.launch();
  await up;
  t.same(readiness, [false, true]);
  const after = await bus.publish('room', new TextEncoder().encode('after'), Date.now());
  t.equal(after.epoch, before.epoch, 'the stream survived the restart: same epoch');
  t.ok(after.seq > before.seq);
  await until(() => got.length >= 2, 'the batch published after the restart');
  t.same(
    got.map((b) => new TextDecoder().decode(b.body)),
    ['before', 'after'],
    'the subscription continues after the restart',
  );
  t.equal(got[1]?.epoch, ready.epoch);
});

t.test('a NATS that lost its storage: new epoch, old cursors are a gap', async (t) => {
  const bus = await natsBus(freshPrefix());
  t.teardown(() => bus.close());
  const got: StoredBatch[] = [];
  const sub = bus.subscribe('room', (batch) => got.push(batch));
  t.teardown(() => sub.close());
  await sub.ready;
  const old = await bus.publish('room', new TextEncoder().encode('old'), Date.now());
  // Delivered before the server dies, or it is lost with the storage and only 'new' would arrive.
  await until(() => got.length >= 1, 'the batch published before the loss');
  const up = new Promise<void>((resolve) => bus.onReadyChange((ready) => ready && resolve()));
  await server.kill();
  server.wipeStore();
  await server.launch();
  await up;
  const fresh = await bus.publish('room', new TextEncoder().encode('new'), Date.now());
  t.not(fresh.epoch, old.epoch, 'the recreated stream has a new epoch');
  t.notOk((await bus.replay('room', old.epoch, old.seq)).complete, 'the old cursor is a gap');
  await until(() => got.length >= 2, 'the batch published into the new stream');
  t.same(
    got.map((batch) => [new TextDecoder().decode(batch.body), batch.epoch, batch.seq]),
    [
      ['old', old.epoch, old.seq],
      ['new', fresh.epoch, fresh.seq],
    ],
    'the live subscription follows into the new stream, with its epoch',
  );
});

t.test('NATS_TOKEN authenticates; without it the connection is refused', async (t) => {
  const guarded = await NatsServer.start(['--auth', 'token-0123456789']);
  t.teardown(() => guarded.stop());
  await t.rejects(connectNats(guarded.url, NO_AUTH, 'anonymous'), 'no token: refused');
  const connection = await connectNats(guarded.url, { ...NO_AUTH, token: 'token-0123456789' }, 'with-token');
  const bus = await NatsBus.start(connection, {
    prefix: 'auth',
    historyMaxBatches: 10,
    historyMaxAgeMs: 60_000,
    log: new RecordedTelemetry().log,
  });
  t.teardown(() => bus.close());
  t.ok((await bus.publish('r', new Uint8Array([1]), Date.now())).seq > 0, 'publishes with the token');
});

t.test('NATS trouble is logged, not swallowed: an undecodable signal, a room consumer that cannot open', async (t) => {
  const telemetry = new RecordedTelemetry();
  const prefix = freshPrefix();
  const bus = await natsBus(prefix, 10, telemetry.log);
  t.teardown(() => bus.close());
  const raw = await connectNats(server.url, NO_AUTH, 'raw');
  t.teardown(() => raw.close());
  raw.publish(bus.names.signal, 'not json');
  await until(() => telemetry.logged('not JSON').length === 1, 'the dropped signal to be logged');

  // Deleting the stream under a joining room makes its consumer fail until the stream is back.
  const jsm = await jetstreamManager(raw);
  await jsm.streams.delete(bus.names.stream);
  const sub = bus.subscribe('orphan', () => undefined);
  await until(
    () => telemetry.logged('cannot open the room consumer').length === 1,
    'the consumer failure to be logged',
  );
  t.equal(telemetry.logged('cannot open the room consumer')[0]?.room, 'orphan', 'the log names the room');
  await new Promise((resolve) => setTimeout(resolve, 600));
  t.equal(telemetry.logged('cannot open the room consumer').length, 1, 'logged once per streak, not every retry');
  sub.close();
  await t.rejects(sub.ready, BusUnavailableError, 'a join waiting on it is answered UNAVAILABLE once it closes');
});
