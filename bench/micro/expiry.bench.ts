import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ExpiryWheel } from '../../src/session/expiry.js';
import { createSession, type Session } from '../../src/session/session.js';
import { runSuite } from './suite.js';

/**
 * What watching token expiry costs at 100,000 open connections with tokens expiring over the next
 * hour: the ExpiryWheel the session protocol uses, against a setTimeout per connection. Cases:
 * one connection's add + remove (a refresh moves it; a close removes it), the retained heap per
 * watched connection, and one tick of the wheel (≈28 connections due per second at this spread).
 */

const OPEN = 100_000;
const HOUR_MS = 3_600_000;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

interface Conn {
  readonly id: number;
}

const start = Date.now();
const conns: Conn[] = Array.from({ length: OPEN }, (_, id) => ({ id }));
const sessions: Session[] = conns.map(() => createSession('127.0.0.1', undefined, 'node'));
const deadline = (i: number) => start + 60_000 + ((i * 7919) % HOUR_MS);

const beforeWheel = heapUsed();
const wheel = new ExpiryWheel<Conn>(start);
conns.forEach((conn, i) => wheel.add(conn, sessions[i] as Session, deadline(i)));
const wheelBytes = (heapUsed() - beforeWheel) / OPEN;

const beforeTimers = heapUsed();
const timers = conns.map((conn, i) => setTimeout(() => void conn.id, deadline(i) - Date.now()));
const timerBytes = (heapUsed() - beforeTimers) / OPEN;

process.stdout.write(
  `\nexpiry: retained heap per watched connection at ${OPEN.toLocaleString('en')} open: ` +
    `wheel ${wheelBytes.toFixed(0)} B, setTimeout per connection ${timerBytes.toFixed(0)} B\n`,
);

const extra: Conn = { id: -1 };
const extraSession = createSession('127.0.0.1', undefined, 'node');
let tickAt = start + 60_000;
// A wheel of its own for ticks: each op advances one second and re-adds what fell due an hour later.
const ticking = new ExpiryWheel<Conn>(start);
conns.forEach((conn, i) => ticking.add(conn, sessions[i] as Session, deadline(i)));
runSuite(`expiry: watching ${OPEN.toLocaleString('en')} open connections`, [
  {
    name: 'wheel add + remove (refresh / close)',
    fn: () => {
      wheel.add(extra, extraSession, start + 1_800_000);
      wheel.remove(extra, start + 1_800_000);
    },
  },
  {
    name: 'setTimeout + clearTimeout per connection',
    fn: () => clearTimeout(setTimeout(() => void extra.id, 1_800_000)),
  },
  {
    name: 'wheel tick (one second, ~28 due)',
    fn: () => {
      tickAt += 1000;
      ticking.advance(tickAt, (conn, session) => ticking.add(conn, session, tickAt + HOUR_MS));
    },
  },
]);
for (const timer of timers) clearTimeout(timer);
