import t from 'tap';
import { mayPostIn, narrowingFailure, readClaims, type Claims } from '../../src/auth/token.js';

const exp = Math.floor(Date.now() / 1000) + 60;
const viewer = (rooms: string[], sub = 'u1'): Claims => ({ sub, name: sub, rooms, role: 'viewer', exp });
const admin: Claims = { sub: 'u1', name: 'u1', rooms: [], role: 'admin', exp };

t.test('the project claims are read with their defaults and refused with a wrong type', async (t) => {
  t.same(readClaims({ sub: 'u1', exp }), { sub: 'u1', name: 'u1', rooms: [], role: 'viewer', exp });
  t.equal(readClaims({ sub: 'u1', exp, name: 'x'.repeat(100) })?.name.length, 64, 'name cut to 64');
  t.equal(readClaims({ exp }), undefined, 'no sub');
  t.equal(readClaims({ sub: 'x'.repeat(129), exp }), undefined, 'sub over 128 characters');
  t.equal(readClaims({ sub: 'u1' }), undefined, 'no exp');
  t.equal(readClaims({ sub: 'u1', exp, role: 'root' }), undefined, 'unknown role');
  t.equal(readClaims({ sub: 'u1', exp, rooms: 'a' }), undefined, 'rooms not an array');
  t.equal(readClaims([]), undefined, 'not an object');
});

t.test('mayPostIn: admins everywhere, viewers in their rooms or with "*"', async (t) => {
  t.ok(mayPostIn(admin, 'x'));
  t.ok(mayPostIn(viewer(['*']), 'x'));
  t.ok(mayPostIn(viewer(['a']), 'a'));
  t.notOk(mayPostIn(viewer(['a']), 'b'));
});

t.test('a refresh may keep or narrow, never widen or change the user', async (t) => {
  t.equal(narrowingFailure(viewer(['a', 'b']), viewer(['a', 'b'])), undefined, 'the same');
  t.equal(narrowingFailure(viewer(['a', 'b']), viewer(['a'])), undefined, 'fewer rooms');
  t.equal(narrowingFailure(viewer(['*']), viewer(['a'])), undefined, 'from every room to one');
  t.equal(narrowingFailure(admin, viewer(['*'])), undefined, 'admin to viewer');
  t.match(narrowingFailure(viewer(['a']), viewer(['a'], 'u2')), /another user/);
  t.match(narrowingFailure(viewer(['a']), viewer(['a', 'c'])), /widens the rooms \(c\)/);
  t.match(narrowingFailure(viewer(['a']), viewer(['*'])), /widens the rooms/);
  t.match(narrowingFailure(viewer(['*']), { ...admin }), /widens the role/);
});
