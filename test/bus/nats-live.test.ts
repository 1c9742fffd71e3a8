import t, { type Test } from 'tap';
import type { StoredBatch } from '../../src/bus/bus.js';
import { LiveRoom, type RoomHistory } from '../../src/bus/nats-live.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { waitFor } from '../helpers/wait.js';

/**
 * A started live room on a fake stream (empty at subscribe time) whose reads answer `readBetween`;
 * `announce` hands it a batch as the bus does from a live frame (its seq and the room's previous
 * seq), `delivered` lists the seqs it delivered.
 */
async function liveRoom(t: Test, readBetween: RoomHistory['readBetween'] = () => Promise.resolve([])) {
  const history: RoomHistory = {
    epoch: 'e',
    log: new RecordedTelemetry().log,
    lastSeq: () => Promise.resolve(0),
    readBetween,
    toBatch: (room, seq, body): StoredBatch => ({ room, epoch: 'e', seq, body, oldestAt: 0 }),
  };
  const delivered: number[] = [];
  const room = new LiveRoom(history, 'r', 'subject', (batch) => delivered.push(batch.seq));
  t.teardown(() => room.close());
  await room.ready;
  return {
    delivered,
    announce: (seq: number, prev: number) => room.announced(seq, prev, new Uint8Array([seq]), 0),
  };
}

t.test('announcements handed over in one synchronous loop are all delivered, in order', async (t) => {
  const { delivered, announce } = await liveRoom(t);
  // NATS dispatches the messages of one socket read like this: one callback after another, no await between.
  for (const [seq, prev] of [
    [1, 0],
    [2, 1],
    [3, 2],
  ] as const)
    announce(seq, prev);
  await waitFor('every announcement to be delivered', () => delivered.length === 3, { timeoutMs: 2000 });
  t.same(delivered, [1, 2, 3], 'the last one did not wait for a next batch');
});

t.test(
  'a hole is read from the stream before the next batch; a repeated announcement is not delivered twice',
  async (t) => {
    const reads: [number, number][] = [];
    const { delivered, announce } = await liveRoom(t, (room, _subject, after, head) => {
      reads.push([after, head]);
      return Promise.resolve([{ room, epoch: 'e', seq: 2, body: new Uint8Array([2]), oldestAt: 0 }]);
    });
    announce(1, 0);
    announce(1, 0);
    t.same(delivered, [1], 'the next batch is delivered at once, and only once');
    announce(3, 2);
    await waitFor('the hole to be filled', () => delivered.length === 3, { timeoutMs: 2000 });
    t.same(delivered, [1, 2, 3], 'batch 2, announced to nobody here, read from the stream first');
    t.same(reads, [[1, 2]]);
  },
);
