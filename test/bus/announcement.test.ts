import t from 'tap';
import { ANNOUNCEMENT_PREFIX_BYTES, decodeAnnouncement, encodeAnnouncement } from '../../src/bus/announcement.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

t.test('version 1 on the wire: version, flags, seq, prev, oldestAt big-endian, then the body untouched', async (t) => {
  const body = new Uint8Array([0x0a, 0x02, 0x72, 0x31]);
  const wire = encodeAnnouncement(2 ** 32 + 5, 7, 1_764_547_200_000, body);
  t.equal(
    hex(wire),
    '01' + '01' + '0000000100000005' + '0000000000000007' + '0000019ad7358400' + '0a027231',
    'the fixed 26-byte prefix a node of another build must read the same way',
  );
  t.equal(wire.length, ANNOUNCEMENT_PREFIX_BYTES + body.length);
});

t.test('what is encoded is read back; an unknown prev stays unknown', async (t) => {
  const body = new Uint8Array([1, 2, 3]);
  const known = decodeAnnouncement(encodeAnnouncement(42, 41, 1000, body));
  t.same(known && { ...known, body: [...known.body] }, { seq: 42, prev: 41, oldestAt: 1000, body: [1, 2, 3] });
  t.equal(decodeAnnouncement(encodeAnnouncement(42, 0, 1000, body))?.prev, 0, 'prev 0 (the room was empty) is known');
  t.equal(
    decodeAnnouncement(encodeAnnouncement(42, undefined, 1000, body))?.prev,
    -1,
    'no prev: the hole check reads up to seq - 1',
  );
  const large = Number.MAX_SAFE_INTEGER;
  t.equal(decodeAnnouncement(encodeAnnouncement(large, large - 1, 0, body))?.seq, large, 'seq up to 2^53 - 1');
});

t.test('what is not a version-1 announcement is ignored, never delivered as a batch', async (t) => {
  const wire = encodeAnnouncement(3, 2, 0, new Uint8Array([9]));
  t.equal(
    decodeAnnouncement(new Uint8Array([0x0a, 0x02, 0x72, 0x31])),
    undefined,
    'a bare protobuf body (header-era format)',
  );
  t.equal(decodeAnnouncement(wire.subarray(0, ANNOUNCEMENT_PREFIX_BYTES - 1)), undefined, 'cut short');
  const nextVersion = Uint8Array.from(wire);
  nextVersion[0] = 2;
  t.equal(decodeAnnouncement(nextVersion), undefined, 'a later version');
  t.equal(decodeAnnouncement(encodeAnnouncement(0, undefined, 0, new Uint8Array())), undefined, 'seq 0 is no batch');
  const unsafe = Uint8Array.from(wire);
  unsafe.fill(0xff, 2, 10);
  t.equal(decodeAnnouncement(unsafe), undefined, 'a seq past 2^53 cannot be compared exactly');
});
