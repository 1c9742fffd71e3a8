import t from 'tap';
import { rendezvousOrder, rendezvousWeight } from '../../../packages/client/src/affinity.js';
import { ConnectPlan } from '../../../packages/client/src/attempts.js';
import { DanmakuClient } from '../../../packages/client/src/client.js';
import { ScriptedPlatform, fakeClock } from './fakes.js';

const NODES = ['ws://n1:8080/ws', 'ws://n2:8080/ws', 'ws://n3:8080/ws'];
const rooms = Array.from({ length: 3000 }, (_, i) => `room-${i}`);

t.test('rendezvous weights are fixed numbers: every client build and platform ranks nodes the same', async (t) => {
  // Pinned values: a change to the hash moves every room's viewers to other nodes at the next release.
  t.equal(rendezvousWeight('room-0', 'n1:8080'), 531027925);
  t.equal(rendezvousWeight('直播间', 'n1:8080'), 1544838223);
});

t.test('a room ranks the nodes the same whatever order, path or transport a client lists them in', async (t) => {
  const reversed = [...NODES].reverse();
  const polls = NODES.map((u) => u.replace(/^ws/, 'http').replace('/ws', '/poll?x=1'));
  for (const room of rooms.slice(0, 200)) {
    const order = rendezvousOrder(NODES, room);
    t.same(rendezvousOrder(reversed, room), order, `${room}: list order does not matter`);
    t.same(
      rendezvousOrder(polls, room).map((u) => u.slice(7, 15)),
      order.map((u) => u.slice(5, 13)),
      `${room}: the long-poll URL of a node ranks like its WebSocket URL`,
    );
  }
});

t.test('rooms spread evenly, and losing a node moves only its own rooms', async (t) => {
  const first = new Map<string, string[]>();
  for (const room of rooms) {
    const node = rendezvousOrder(NODES, room)[0] as string;
    first.set(node, [...(first.get(node) ?? []), room]);
  }
  for (const node of NODES) {
    const share = (first.get(node)?.length ?? 0) / rooms.length;
    t.ok(share > 0.3 && share < 0.37, `${node} is the first choice of ${(share * 100).toFixed(1)} % of the rooms`);
  }
  const without = NODES.filter((n) => n !== NODES[2]);
  let moved = 0;
  for (const room of rooms) {
    const before = rendezvousOrder(NODES, room);
    const after = rendezvousOrder(without, room);
    if (after[0] !== before[0]) moved++;
    t.equal(after[0], before.filter((n) => n !== NODES[2])[0], `${room}: its fallback is its second choice`);
  }
  t.equal(moved, first.get(NODES[2] as string)?.length, "only the lost node's rooms moved");
});

t.test("ConnectPlan: the first attempt goes to the room's first choice, retries walk its order", async (t) => {
  const policy = { baseMs: 1000, capMs: 8000, maxAttempts: 10, stableAfterMs: 10_000 };
  const poll = { urls: NODES, afterFailures: 99, force: false, waitMs: 25_000, probeWebSocketMs: 30_000 };
  const room = 'room-2';
  const order = rendezvousOrder(NODES, room);
  t.same(order, [NODES[2], NODES[0], NODES[1]], 'a room whose order differs from the list, so the test can tell');
  const plan = new ConnectPlan(
    NODES,
    poll,
    policy,
    () => 0.5,
    () => room,
  );
  const tried = [plan.target().url];
  for (let i = 0; i < 3; i++) {
    plan.next();
    tried.push(plan.target().url);
  }
  t.same(tried, [...order, order[0]]);
  t.same(new ConnectPlan(NODES, poll, policy, () => 0.5).target().url, NODES[0], 'no affinity room: the order given');
});

t.test("the client with roomAffinity dials its first joined room's node; without it, the first URL", async (t) => {
  const dial = (roomAffinity: boolean) => {
    const platform = new ScriptedPlatform();
    const client = new DanmakuClient({ urls: NODES, platform, clock: fakeClock().clock, roomAffinity });
    client.join('room-2');
    client.join('room-1');
    client.connect();
    const url = platform.last.url;
    client.close();
    return url;
  };
  t.equal(dial(true), NODES[2], "room-2's first choice (room-1, joined second, would be n2)");
  t.equal(dial(false), NODES[0]);
});
