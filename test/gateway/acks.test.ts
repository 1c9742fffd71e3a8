import t from 'tap';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame, type ServerFrame } from '../../src/protocol/codec.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { token } from '../helpers/node.js';
import { waitFor } from '../helpers/wait.js';

const COMMENTS = 120;
const ROOMS = 12;
const BUSY = { COMMENT_RATE_PER_SEC: '100000', COMMENT_BURST: '100000' };

interface Poster {
  readonly ws: WebSocket;
  /** The TCP socket under the WebSocket: one 'data' event per read the client made. */
  readonly socket: Socket;
  readonly acks: NonNullable<ServerFrame['ack']>[];
  welcomed: boolean;
}

/** A poster on a raw `ws` socket, so the test sees the TCP reads behind the frames. */
function connectPoster(server: GatewayProcess, sub: string): Promise<Poster> {
  const ws = new WebSocket(server.wsUrl, { headers: { authorization: `Bearer ${token({ sub })}` } });
  return new Promise((resolve, reject) => {
    ws.once('upgrade', (res) => {
      const poster: Poster = { ws, socket: res.socket, acks: [], welcomed: false };
      ws.on('message', (data: Buffer) => {
        const decoded = decodeServerFrame(new Uint8Array(data));
        if (decoded.ok && decoded.frame.kind === 'ack') poster.acks.push(decoded.frame.ack as Poster['acks'][number]);
        if (decoded.ok && decoded.frame.kind === 'welcome') poster.welcomed = true;
      });
      ws.once('open', () => resolve(poster));
    });
    ws.once('error', reject);
  });
}

/** Writes every comment in one TCP write (the socket corked), spread over ROOMS rooms. */
function postAll(poster: Poster, prefix: string): void {
  poster.socket.cork();
  for (let i = 0; i < COMMENTS; i++)
    poster.ws.send(
      encodeClientFrame({ comment: { room: `acks-${i % ROOMS}`, clientMsgId: `${prefix}${i}`, text: `c${i}` } }),
    );
  poster.socket.uncork();
}

t.test('a poster gets the acks of one turn in one write, each once, in order per room', async (t) => {
  const server = await GatewayProcess.start('acks', BUSY);
  t.teardown(() => server.kill());
  const poster = await connectPoster(server, 'burst');
  // The welcome came in before; count only the reads that carry acks.
  await waitFor('welcome', () => poster.welcomed);
  let reads = 0;
  poster.socket.on('data', () => reads++);
  postAll(poster, 'm');
  await waitFor(`${COMMENTS} acks`, () => poster.acks.length === COMMENTS);
  // Acks follow their room's batch, so rooms interleave; within a room they keep the order sent.
  const room = (id: string | null | undefined) => Number(id?.slice(1)) % ROOMS;
  for (let r = 0; r < ROOMS; r++)
    t.same(
      poster.acks.filter((a) => room(a.clientMsgId) === r).map((a) => a.clientMsgId),
      Array.from({ length: COMMENTS / ROOMS }, (_, i) => `m${i * ROOMS + r}`),
      `room ${r}: every comment acknowledged once, in the order sent`,
    );
  t.ok(
    poster.acks.every((a) => a.ok === true && Number(a.seq) > 0),
    'all accepted',
  );
  // One write per turn: 120 acks of ~25 bytes fit in one TCP segment, so one read (two when a read
  // races the write). Written one by one, the client's reads follow the server's 120 send(2)s.
  t.ok(reads <= 2, `acks arrived in ${reads} reads`);
  poster.ws.close();
});

t.test('a poster that goes away with acks pending closes nothing else', async (t) => {
  const server = await GatewayProcess.start('acks-gone', BUSY);
  t.teardown(() => server.kill());
  const leaving = await connectPoster(server, 'leaving');
  postAll(leaving, 'x');
  leaving.socket.destroy();
  const staying = await connectPoster(server, 'staying');
  postAll(staying, 'y');
  await waitFor(`${COMMENTS} acks`, () => staying.acks.length === COMMENTS);
  t.equal(leaving.acks.length, 0, 'nothing read on a destroyed socket');
  t.notOk(server.crashed, 'the node is up');
  staying.ws.close();
});
