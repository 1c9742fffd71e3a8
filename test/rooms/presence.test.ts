import t from 'tap';
import { MemoryBus } from '../../src/bus/memory.js';
import { Presence, type LocalViewers } from '../../src/rooms/presence.js';
import { fakeScheduler } from '../helpers/clock.js';

/** A node's local counts, settable by the test. */
function localCounts(counts: Record<string, number>): LocalViewers {
  return { roomNames: () => Object.keys(counts), localViewers: (room) => counts[room] ?? 0 };
}

// One memory bus delivers signals to every listener on it: two Presence instances on it behave as two nodes.
t.test('total counts every node, forgets an emptied room at once and a silent node after expiry', async (t) => {
  const clock = fakeScheduler();
  const bus = new MemoryBus({ historyMaxBatches: 10, historyMaxAgeMs: 60_000, scheduler: clock.scheduler });
  const countsA: Record<string, number> = { hot: 3 };
  const countsB: Record<string, number> = { hot: 5, quiet: 1 };
  const options = { intervalMs: 20, expiryMs: 3000 };
  const nodeA = new Presence(bus, 'A', localCounts(countsA), clock.scheduler, options);
  const nodeB = new Presence(bus, 'B', localCounts(countsB), clock.scheduler, options);
  t.teardown(() => (nodeA.close(), nodeB.close(), bus.close()));

  t.equal(nodeA.total('hot'), 3, 'before any broadcast only the local count');
  // A signal arrives on the next turn: 1 fake ms after the broadcast.
  clock.tick(21);
  t.equal(nodeA.total('hot'), 8, 'after one interval each node counts the other');
  t.equal(nodeB.total('hot'), 8);
  t.equal(nodeA.total('quiet'), 1, 'a room with viewers only on B counts at A');
  t.equal(nodeA.total('nowhere'), 0);

  delete countsB.quiet;
  clock.tick(20);
  t.equal(nodeA.total('quiet'), 0, 'a room B emptied drops to 0 at A without waiting for expiry');

  // A node that dies says nothing more: its last broadcast is all the others have.
  await bus.signal({ type: 'presence', node: 'C', rooms: { hot: 4 } });
  clock.tick(1);
  t.equal(nodeA.total('hot'), 12, "C's count arrived");
  clock.tick(2000);
  t.equal(nodeA.total('hot'), 12, 'a count younger than the expiry still counts');
  clock.tick(1500);
  t.equal(nodeA.total('hot'), 8, 'a node silent past the expiry no longer counts');

  // A node that stops (drain) withdraws its counts: its viewers, reconnecting elsewhere, are not
  // counted twice until the expiry.
  nodeB.close();
  clock.tick(1);
  t.equal(nodeA.total('hot'), 3, "B's count is gone as soon as B closed");
});

t.test('alone on a memory bus the total is the local count', async (t) => {
  const clock = fakeScheduler();
  const bus = new MemoryBus({ historyMaxBatches: 10, historyMaxAgeMs: 60_000, scheduler: clock.scheduler });
  const presence = new Presence(bus, 'solo', localCounts({ r: 2 }), clock.scheduler, { intervalMs: 10 });
  t.teardown(() => (presence.close(), bus.close()));
  let seen = 0;
  bus.onSignal(() => seen++);
  clock.tick(21);
  t.equal(seen, 2, 'its own broadcast came back twice');
  t.equal(presence.total('r'), 2, 'its own broadcast is not counted twice');
});
