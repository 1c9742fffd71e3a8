import t, { type Test } from 'tap';
import { connectNats } from '../../src/bus/nats.js';
import { NatsKvStore } from '../../src/store/nats-kv.js';
import { NO_AUTH, NatsServer } from '../helpers/nats.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { storeContract } from './contract.js';

const server = await NatsServer.start();
t.teardown(() => server.stop());

/** A store on its own connection, as on another node; its watch must never end. */
async function node(t: Test, name: string): Promise<NatsKvStore> {
  const connection = await connectNats(server.url, NO_AUTH, name);
  const store = await NatsKvStore.open(connection, 'test_state', watchMustNotEnd(t));
  t.teardown(async () => {
    await store.close();
    await connection.close();
  });
  return store;
}

function watchMustNotEnd(t: Test): RecordedTelemetry {
  return new RecordedTelemetry((key) => {
    if (key === 'watch/error') t.fail('the watch ended');
  });
}

type Change = [string, string | undefined];

function recorder(): {
  changes: Change[];
  next: (match: (c: Change) => boolean) => Promise<number>;
  listen: (key: string, value: string | undefined) => void;
} {
  const changes: Change[] = [];
  const waiters: { match: (c: Change) => boolean; resolve: (at: number) => void }[] = [];
  return {
    changes,
    listen: (key, value) => {
      changes.push([key, value]);
      for (const w of [...waiters]) {
        if (!w.match([key, value])) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(Date.now());
      }
    },
    next: (match) => {
      const found = changes.find(match);
      if (found !== undefined) return Promise.resolve(Date.now());
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

t.test("two stores on two connections see each other's changes within 1 s", async (t) => {
  const a = await node(t, 'a');
  const b = await node(t, 'b');
  const atA = recorder();
  const atB = recorder();
  await a.watch(atA.listen);
  await b.watch(atB.listen);
  const key = 'ban:room 1:用户';
  let started = Date.now();
  await a.put(key, '{"until":1}');
  t.ok(
    (await atB.next(([k, v]) => k === key && v === '{"until":1}')) - started < 1000,
    'a put through A reaches B within 1 s, key intact',
  );
  started = Date.now();
  await b.delete(key);
  t.ok(
    (await atA.next(([k, v]) => k === key && v === undefined)) - started < 1000,
    'a delete through B reaches A within 1 s',
  );
  t.same(
    atA.changes.filter(([k]) => k === key),
    [
      [key, '{"until":1}'],
      [key, undefined],
    ],
    'changes arrive in the order they were made',
  );
});

t.test('a new watcher first gets every current entry', async (t) => {
  const a = await node(t, 'c');
  await a.put('mute:u1', '1');
  await a.put('words', '["x"]');
  await a.put('mute:u1', '2');
  const late = await node(t, 'd');
  const seen = recorder();
  await late.watch(seen.listen);
  const current = new Map(seen.changes);
  t.equal(current.get('mute:u1'), '2', 'the newest value of each key, before watch resolves');
  t.equal(current.get('words'), '["x"]');
  await t.rejects(a.put('', 'x'), /empty/, 'an empty key is refused');
});

t.test('a watcher keeps receiving changes after NATS restarts', async (t) => {
  const writerConnection = await connectNats(server.url, NO_AUTH, 'writer');
  const a = await NatsKvStore.open(writerConnection, 'test_state', watchMustNotEnd(t));
  t.teardown(() => writerConnection.close());
  const b = await node(t, 'f');
  const atB = recorder();
  await b.watch(atB.listen);
  const reconnected = (async () => {
    for await (const status of writerConnection.status()) if (status.type === 'reconnect') return;
  })();
  await server.kill();
  await server.launch();
  await reconnected;
  const started = Date.now();
  await a.put('after-restart', 'yes');
  await atB.next(([k, v]) => k === 'after-restart' && v === 'yes');
  t.ok(Date.now() - started < 1000, `the change made after the restart arrived in ${Date.now() - started} ms`);
});

/** Resolves once the connection reports a reconnect (the status iterator is per call: start it before the outage). */
function reconnected(connection: Awaited<ReturnType<typeof connectNats>>): Promise<void> {
  return (async () => {
    for await (const status of connection.status()) if (status.type === 'reconnect') return;
  })();
}

let buckets = 0;
let current: Awaited<ReturnType<typeof connectNats>> | undefined;
storeContract(t, {
  open: async (t, telemetry) => {
    const connection = await connectNats(server.url, NO_AUTH, `contract-${++buckets}`);
    current = connection;
    const store = await NatsKvStore.open(connection, `contract_${buckets}`, telemetry);
    t.teardown(async () => {
      await store.close();
      await connection.close();
    });
    return store;
  },
  break: async () => {
    const connection = current as Awaited<ReturnType<typeof connectNats>>;
    const back = reconnected(connection);
    await server.kill();
    return async () => {
      await server.launch();
      await back;
    };
  },
});
