import t from 'tap';
import type { StoredBatch } from '../../src/bus/bus.js';
import { ResumeWindow } from '../../src/rooms/resume-window.js';

const batch = (seq: number, bytes = 10, epoch = 'e1'): StoredBatch => ({
  room: 'r',
  epoch,
  seq,
  body: new Uint8Array(bytes),
  oldestAt: 0,
});
const seqs = (batches: readonly StoredBatch[] | undefined) => batches?.map((b) => b.seq);

t.test('serves a cursor whose batch it holds, or the head it started after; never seq 0', async (t) => {
  const window = new ResumeWindow({ maxBatches: 10, maxBytes: 10_000 });
  window.started({ epoch: 'e1', seq: 4 });
  for (const seq of [7, 9, 12]) window.add(batch(seq));
  t.same(seqs(window.after('e1', 9)), [12], 'after a held batch: everything later');
  t.same(seqs(window.after('e1', 12)), [], 'at the newest: nothing missed');
  t.same(seqs(window.after('e1', 4)), [7, 9, 12], 'at the start head: everything delivered');
  t.equal(window.after('e1', 8), undefined, 'a seq the room never had here: not vouched for');
  t.equal(window.after('e1', 3), undefined, 'before the start: the bus decides');
  t.equal(window.after('e1', 13), undefined, 'beyond what was delivered: the bus decides');
  t.equal(window.after('e2', 9), undefined, 'another epoch');
  t.equal(window.after('e1', 0), undefined, 'seq 0 is left to the bus');
});

t.test('trims the oldest by count and by bytes; a trimmed start no longer vouches', async (t) => {
  const byCount = new ResumeWindow({ maxBatches: 2, maxBytes: 10_000 });
  byCount.started({ epoch: 'e1', seq: 1 });
  for (const seq of [2, 3, 4]) byCount.add(batch(seq));
  t.equal(byCount.after('e1', 2), undefined, 'the trimmed batch is gone');
  t.equal(byCount.after('e1', 1), undefined, 'the start head is no longer complete');
  t.same(seqs(byCount.after('e1', 3)), [4]);

  const byBytes = new ResumeWindow({ maxBatches: 100, maxBytes: 25 });
  for (const seq of [1, 2, 3]) byBytes.add(batch(seq, 10));
  t.equal(byBytes.after('e1', 1), undefined, '30 bytes > 25: the oldest went');
  t.same(seqs(byBytes.after('e1', 2)), [3]);
});

t.test('a batch of a new epoch (stream recreated) drops everything of the old one', async (t) => {
  const window = new ResumeWindow({ maxBatches: 10, maxBytes: 10_000 });
  window.started({ epoch: 'e1', seq: 0 });
  window.add(batch(5));
  window.add(batch(1, 10, 'e2'));
  t.equal(window.after('e1', 5), undefined);
  window.add(batch(2, 10, 'e2'));
  t.same(seqs(window.after('e2', 1)), [2]);
});
