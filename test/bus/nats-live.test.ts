import type { Msg, Subscription as NatsSubscription } from '@nats-io/transport-node';
import t from 'tap';
import type { StoredBatch } from '../../src/bus/bus.js';
import { encodeAnnouncement } from '../../src/bus/announcement.js';
import { LiveRoom, type RoomHistory } from '../../src/bus/nats-live.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { waitFor } from '../helpers/wait.js';

/** An announcement as the room's sequencer publishes it: the batch body with its seq and the room's previous seq. */
function announcement(seq: number, prev: number): Msg {
  return { data: encodeAnnouncement(seq, prev, 0, new Uint8Array([seq])) } as unknown as Msg;
}

t.test('announcements handed over in one synchronous loop are all delivered, in order', async (t) => {
  let onMessage: ((msg: Msg) => void) | undefined;
  const history: RoomHistory = {
    epoch: 'e',
    log: new RecordedTelemetry().log,
    listen: (_subject, listener) => {
      onMessage = listener;
      return { unsubscribe: () => undefined } as unknown as NatsSubscription;
    },
    lastSeq: () => Promise.resolve(0),
    readBetween: () => Promise.resolve([]),
    toBatch: (room, seq, body): StoredBatch => ({ room, epoch: 'e', seq, body, oldestAt: 0 }),
  };
  const delivered: number[] = [];
  const room = new LiveRoom(history, 'r', 'subject', 'live', (batch) => delivered.push(batch.seq));
  t.teardown(() => room.close());
  await room.ready;
  // NATS dispatches the messages of one socket read like this: one callback after another, no await between.
  for (const [seq, prev] of [
    [1, 0],
    [2, 1],
    [3, 2],
  ] as const)
    onMessage?.(announcement(seq, prev));
  await waitFor('every announcement to be delivered', () => delivered.length === 3, { timeoutMs: 2000 });
  t.same(delivered, [1, 2, 3], 'the last one did not wait for a next batch');
});
