import { once } from 'node:events';
import t from 'tap';
import { WebSocketServer, type WebSocket } from 'ws';
import { createNodeClient } from 'danmaku-client/node';
import { decodeClientFrame, encodeServerFrame, v1, type ClientFrame } from '../../src/protocol/codec.js';
import { EventLog } from '../helpers/sdk.js';

type Report = NonNullable<NonNullable<ClientFrame['report']>['events']>[number];

/**
 * A bare protocol peer on a real socket that records the report frames the SDK sends (the server
 * turns them into metrics elsewhere; here only what the client says is checked).
 */
async function reportPeer() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const reports: { events: Report[] }[] = [];
  const waiters: (() => void)[] = [];
  const sockets: WebSocket[] = [];
  server.on('connection', (ws) => {
    sockets.push(ws);
    ws.send(
      encodeServerFrame({ welcome: { sessionId: `s${sockets.length}`, nodeId: 'peer', heartbeatIntervalMs: 60_000 } }),
    );
    ws.on('message', (data: Buffer) => {
      const decoded = decodeClientFrame(new Uint8Array(data));
      if (!decoded.ok || decoded.frame.kind !== 'report') return;
      reports.push({ events: decoded.frame.report?.events ?? [] });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws`,
    reports,
    sockets,
    async until(kind: string): Promise<Report> {
      for (;;) {
        const found = reports.flatMap((r) => r.events).find((e) => v1.TelemetryKind[e.kind ?? 0] === kind);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

t.test(
  'telemetry: connect, disconnect with code, reconnect attempt and time-to-reconnect go out in report frames; errors at once',
  async (t) => {
    const peer = await reportPeer();
    t.teardown(() => peer.close());
    const client = createNodeClient({
      urls: peer.url,
      reconnect: { baseMs: 100, capMs: 100 },
      telemetryFlushMs: 60_000,
    });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.connect();
    const connected = await peer.until('CONNECTED');
    t.equal(connected.platform, 'node');

    peer.sockets[0]?.close(1011, 'boom');
    await log.next('open', (o) => o.reconnected);
    const reconnected = await peer.until('RECONNECTED');
    t.ok(
      (reconnected.durationMs ?? 0) >= 0 && (reconnected.attempt ?? 0) === 1,
      `reconnected after ${reconnected.durationMs} ms, attempt ${reconnected.attempt}`,
    );
    const disconnected = await peer.until('DISCONNECTED');
    t.equal(disconnected.code, 1011);
    t.equal(disconnected.reason, 'boom');
    t.equal((await peer.until('RECONNECT_ATTEMPT')).attempt, 1);

    const before = peer.reports.length;
    peer.sockets[1]?.send(Buffer.from([0xff, 0xff, 0xff]));
    const error = await peer.until('CLIENT_ERROR');
    t.match(error.reason, /undecodable server frame/);
    t.equal(peer.reports.length, before + 1, 'the error went out on its own, without waiting for the 60 s batch');
  },
);
