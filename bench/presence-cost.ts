/**
 * What the live viewer count costs a viewer: one room of BENCH_VIEWERS (2,000) viewers on one node
 * while BENCH_CHURN_PER_SEC (20) viewers leave and as many new ones join every second; counts the
 * presence frames and their bytes (WebSocket header included) each viewer that stayed the whole
 * window received, per minute.
 *
 *   npm run build && node dist/bench/presence-cost.js
 *
 * The node runs in a child process (dist/src/main.js, PRESENCE_INTERVAL_MS from the environment,
 * default 2000); the viewers are `ws` clients in this process. BENCH_SECONDS sets the window (30).
 */
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame } from '../src/protocol/codec.js';
import { startListeningNode, type ListeningNode } from './node-process.js';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 2000);
const CHURN_PER_SEC = Number(process.env.BENCH_CHURN_PER_SEC ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROOM = 'presence-bench';
// A server-to-client WebSocket frame under 126 bytes of payload has a 2-byte header (RFC 6455 §5.2).
const WS_HEADER_BYTES = 2;

interface Viewer {
  readonly ws: WebSocket;
  frames: number;
  bytes: number;
  lastCount: number;
}

function startNode(): Promise<ListeningNode> {
  return startListeningNode({
    AUTH_SECRET: 'presence-cost-bench-secret-0123456789',
    NODE_ID: 'presence-bench',
  });
}

function openViewer(url: string): Promise<Viewer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const viewer: Viewer = { ws, frames: 0, bytes: 0, lastCount: 0 };
    ws.on('message', (data: Buffer) => {
      const decoded = decodeServerFrame(new Uint8Array(data));
      if (!decoded.ok || decoded.frame.kind !== 'presence') return;
      viewer.frames++;
      viewer.bytes += data.length + WS_HEADER_BYTES;
      viewer.lastCount = decoded.frame.presence?.viewers ?? 0;
    });
    ws.once('open', () => {
      ws.send(encodeClientFrame({ join: { room: ROOM } }));
      resolve(viewer);
    });
    ws.once('error', reject);
  });
}

const { child, port } = await startNode();
const url = `ws://127.0.0.1:${port}/ws`;
try {
  const stayers: Viewer[] = [];
  for (let i = 0; i < VIEWERS; i += 100)
    stayers.push(...(await Promise.all(Array.from({ length: Math.min(100, VIEWERS - i) }, () => openViewer(url)))));
  // Let the join burst's frames pass before counting.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const viewer of stayers) viewer.frames = viewer.bytes = 0;

  const churners: Viewer[] = [];
  const started = Date.now();
  while (Date.now() - started < SECONDS * 1000) {
    const tick = Date.now();
    for (let i = 0; i < CHURN_PER_SEC && churners.length > 0; i++) churners.shift()?.ws.terminate();
    churners.push(...(await Promise.all(Array.from({ length: CHURN_PER_SEC }, () => openViewer(url)))));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
  }
  const minutes = (Date.now() - started) / 60_000;
  const frames = stayers.reduce((sum, v) => sum + v.frames, 0) / stayers.length / minutes;
  const bytes = stayers.reduce((sum, v) => sum + v.bytes, 0) / stayers.length / minutes;
  const interval = process.env.PRESENCE_INTERVAL_MS ?? '2000';
  // Once the churn stops, the count settles on the room's size within an interval.
  await new Promise((resolve) => setTimeout(resolve, Number(interval) + 500));
  process.stdout.write(
    [
      `| viewers | churn (joins + leaves)/s | PRESENCE_INTERVAL_MS | presence frames/viewer/min | bytes/viewer/min |`,
      `| --- | --- | --- | --- | --- |`,
      `| ${VIEWERS} (+${CHURN_PER_SEC} churning) | ${CHURN_PER_SEC} + ${CHURN_PER_SEC} | ${interval} | ${frames.toFixed(1)} | ${bytes.toFixed(0)} |`,
      `count after the churn: ${stayers[0]?.lastCount ?? 0} (room size ${VIEWERS + churners.length})`,
      '',
    ].join('\n'),
  );
  for (const viewer of [...stayers, ...churners]) viewer.ws.terminate();
} finally {
  child.kill('SIGTERM');
}
