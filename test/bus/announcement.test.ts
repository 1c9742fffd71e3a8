import t from 'tap';
import { decodeLiveFrame, encodeLiveFrame, type LiveEntry } from '../../src/bus/announcement.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const plain = (entries: ReturnType<typeof decodeLiveFrame>) => entries?.map((e) => ({ ...e, body: [...e.body] }));

t.test('version 2 on the wire: one entry = flags, room, seq, prev, oldestAt, body length, body', async (t) => {
  const wire = encodeLiveFrame([
    { room: 'r1', seq: 2 ** 32 + 5, prev: 7, oldestAt: 1_764_547_200_000, body: new Uint8Array([0x0a, 0x02]) },
  ]);
  t.equal(
    hex(wire),
    '02' + '01' + '0002' + '7231' + '0000000100000005' + '0000000000000007' + '0000019ad7358400' + '00000002' + '0a02',
    'the layout a node of another build must read the same way (big-endian)',
  );
});

t.test('every entry of a frame is read back in order; an unknown prev stays unknown', async (t) => {
  const entries: LiveEntry[] = [
    { room: 'a', seq: 42, prev: 41, oldestAt: 1000, body: new Uint8Array([1, 2, 3]) },
    { room: 'room.with:colons-and_dots', seq: 43, prev: 0, oldestAt: 0, body: new Uint8Array() },
    { room: 'a', seq: 44, prev: undefined, oldestAt: 5, body: new Uint8Array([9]) },
    { room: 'x'.repeat(256), seq: Number.MAX_SAFE_INTEGER, prev: 1, oldestAt: 0, body: new Uint8Array([7]) },
  ];
  t.same(plain(decodeLiveFrame(encodeLiveFrame(entries))), [
    { room: 'a', seq: 42, prev: 41, oldestAt: 1000, body: [1, 2, 3] },
    { room: 'room.with:colons-and_dots', seq: 43, prev: 0, oldestAt: 0, body: [] },
    { room: 'a', seq: 44, prev: -1, oldestAt: 5, body: [9] },
    { room: 'x'.repeat(256), seq: Number.MAX_SAFE_INTEGER, prev: 1, oldestAt: 0, body: [7] },
  ]);
  t.same(decodeLiveFrame(encodeLiveFrame([])), [], 'a frame of no entries is empty, not damaged');
});

t.test('a frame that is not a whole version-2 frame is dropped entirely, never delivered in part', async (t) => {
  const wire = encodeLiveFrame([
    { room: 'a', seq: 3, prev: 2, oldestAt: 0, body: new Uint8Array([9, 9]) },
    { room: 'b', seq: 4, prev: 1, oldestAt: 0, body: new Uint8Array([8]) },
  ]);
  // Cut at an entry's end (after the version byte, after the first entry) the rest is a whole frame.
  const firstEnd = 1 + 3 + 1 + 24 + 4 + 2;
  t.equal(decodeLiveFrame(wire.subarray(0, firstEnd))?.length, 1, 'cut between entries: a whole frame of one');
  for (let cut = 0; cut < wire.length; cut++)
    if (cut !== 1 && cut !== firstEnd)
      t.equal(decodeLiveFrame(wire.subarray(0, cut)), undefined, `cut short at ${cut} bytes`);
  const version1 = Uint8Array.from(wire);
  version1[0] = 1;
  t.equal(decodeLiveFrame(version1), undefined, 'version 1 (one announcement per room subject)');
  t.equal(decodeLiveFrame(new Uint8Array([0x0a, 0x02, 0x72, 0x31])), undefined, 'a bare protobuf body');
  t.equal(decodeLiveFrame(Buffer.concat([wire, Buffer.from([0])])), undefined, 'trailing bytes');
  const seqZero = encodeLiveFrame([{ room: 'a', seq: 0, prev: undefined, oldestAt: 0, body: new Uint8Array() }]);
  t.equal(decodeLiveFrame(seqZero), undefined, 'seq 0 is no batch');
  const unsafe = Uint8Array.from(wire);
  unsafe.fill(0xff, 1 + 4, 1 + 4 + 8);
  t.equal(decodeLiveFrame(unsafe), undefined, 'a seq past 2^53 cannot be compared exactly');
  t.throws(
    () => encodeLiveFrame([{ room: 'r'.repeat(70_000), seq: 1, prev: 0, oldestAt: 0, body: new Uint8Array() }]),
    RangeError,
  );
});
