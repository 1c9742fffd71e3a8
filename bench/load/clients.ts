import { io, type Socket as SioSocket } from 'socket.io-client';
import type { Danmaku } from 'danmaku-client';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import {
  ErrorCode,
  decodeServerFrame,
  encodeClientFrame,
  type Decoded,
  type ServerFrame,
} from '../../src/protocol/codec.js';
import { DEFLATED_TAG, FrameCounter, inflateFrame } from './frame-count.js';
import { COMMENT_COLOR, sentAtOf } from './workload.js';

/** The wire protocol a server under test speaks. */
/** How the load generator talks to a server; `danmaku-compact`: this server's, asking for the compact layout (issue 16). */
export type Protocol = 'danmaku' | 'danmaku-compact' | 'socketio' | 'ws';

/** Where a viewer reports what it received. */
export interface ViewerSink {
  items(count: number): void;
  frame(): void;
  sentAt(ms: number): void;
  closed(): void;
}

export interface Closeable {
  close(): void;
}

export interface Poster extends Closeable {
  post(room: string, clientMsgId: string, text: string): void;
  /** Holds writes until uncork: the comments of one send tick leave in one write(2), each its own frame. */
  cork(): void;
  uncork(): void;
  readonly acked: number;
  readonly refused: number;
}

/** The JSON danmaku the two peer servers emit: the same fields as the protobuf Danmaku. */
export type JsonDanmaku = Omit<Danmaku, 'priority'>;

export interface Identity {
  readonly id: string;
  readonly name: string;
}

const VIEWER: Identity = { id: 'viewer', name: 'viewer' };
const CONNECT_TIMEOUT_MS = 15_000;

function withTimeout<T>(what: string, promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${CONNECT_TIMEOUT_MS} ms`)),
      CONNECT_TIMEOUT_MS,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * A ServerFrame, inflated when it came deflated, as the SDK reads every frame (the same bytes
 * through node's zlib instead of fflate: the probes' inflate must not be what the generator measures).
 */
function decodeFrame(data: Uint8Array): Decoded<ServerFrame> {
  if (data[0] !== DEFLATED_TAG) return decodeServerFrame(data);
  const inflated = inflateFrame(data);
  return inflated === undefined ? { ok: false, error: 'deflated frame does not inflate' } : decodeServerFrame(inflated);
}

/** The danmaku of a decoded batch frame, in either layout. */
function itemsOf(frame: ServerFrame): { readonly text?: string | null }[] {
  return frame.batch?.items ?? frame.compact?.items ?? [];
}

const frameCounter = new FrameCounter();

function recordSentAt(sink: ViewerSink, text: string | null | undefined): void {
  const sentAt = sentAtOf(text ?? '');
  if (sentAt !== undefined) sink.sentAt(Date.now() - sentAt);
}

/** A WebSocket client and the TCP socket under it (for cork/uncork). */
interface OpenWs {
  readonly ws: WebSocket;
  readonly tcp: Socket;
}

// The masking key protects proxies that misread WebSocket frames (RFC 6455 §10.3); on loopback
// it only costs the load generator an XOR over every byte it sends, so it is all zeros (ws skips it).
const zeroMask = (mask: Buffer) => void mask.fill(0);

/** Opens a socket with its message handler attached first: a server may send its first frame with the upgrade. */
function openWs(
  url: string,
  onMessage: (data: Buffer, ws: WebSocket) => void,
  headers: Record<string, string> = {},
): Promise<OpenWs> {
  // No UTF-8 check of text frames: only the JSON peer sends them, most of its viewers count them
  // without reading them, and the check was a per-byte cost the generator paid for that server alone.
  const ws = new WebSocket(url, { headers, generateMask: zeroMask, skipUTF8Validation: true });
  ws.on('message', (data: Buffer) => onMessage(data, ws));
  let tcp: Socket | undefined;
  ws.once('upgrade', (res) => (tcp = res.socket));
  return withTimeout(
    `connect ${url}`,
    new Promise((resolve, reject) => {
      ws.once('open', () => (tcp ? resolve({ ws, tcp }) : reject(new Error('no socket after the upgrade'))));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    }),
  );
}

// ---------------------------------------------------------------- this server (protobuf)

async function danmakuViewer(
  hostPort: string,
  room: string,
  probe: boolean,
  sink: ViewerSink,
  compact: boolean,
): Promise<Closeable> {
  let joined = false;
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const { ws } = await openWs(`ws://${hostPort}/ws`, (data, socket) => {
    if (joined && !probe) {
      // Counting items by walking the tags, without decoding them, keeps the load generator off the critical path.
      const n = frameCounter.items(data);
      if (n > 0) {
        sink.items(n);
        sink.frame();
      }
      return;
    }
    const decoded = decodeFrame(data);
    if (!decoded.ok) return settle?.reject(new Error(decoded.error));
    const frame = decoded.frame;
    if (frame.kind === 'welcome') {
      // What the SDK does: accept deflated batches (the server deflates a busy room's batch once),
      // and with compactBatches ask for the compact layout.
      socket.send(
        encodeClientFrame({ hello: { platform: 'node', acceptDeflate: true, batchLayout: compact ? 1 : 0 } }),
      );
      socket.send(encodeClientFrame({ join: { room } }));
    } else if (frame.kind === 'joined') {
      joined = true;
      settle?.resolve();
    } else if ((frame.kind === 'batch' || frame.kind === 'compact') && joined) {
      const items = itemsOf(frame);
      for (const item of items) recordSentAt(sink, item.text);
      sink.items(items.length);
      sink.frame();
    } else if (frame.kind === 'error')
      settle?.reject(new Error(`server error ${frame.error?.code}: ${frame.error?.message}`));
  });
  ws.on('close', () => sink.closed());
  await withTimeout(`join ${room}`, ready);
  return { close: () => ws.terminate() };
}

async function danmakuPoster(hostPort: string, token: string): Promise<Poster> {
  const poster = {
    acked: 0,
    refused: 0,
    post(room: string, clientMsgId: string, text: string) {
      ws.send(encodeClientFrame({ comment: { room, clientMsgId, text, color: COMMENT_COLOR, mode: 0 } }));
    },
    cork: () => tcp.cork(),
    uncork: () => tcp.uncork(),
    close: () => ws.terminate(),
  };
  const { ws, tcp } = await openWs(
    `ws://${hostPort}/ws`,
    (data) => {
      const decoded = decodeServerFrame(data);
      if (!decoded.ok || decoded.frame.kind !== 'ack') return;
      if (decoded.frame.ack?.ok && decoded.frame.ack.code === ErrorCode.OK) poster.acked++;
      else poster.refused++;
    },
    { authorization: `Bearer ${token}` },
  );
  return poster;
}

// ---------------------------------------------------------------- Socket.IO 4

function sioConnect(hostPort: string, user: Identity): Promise<SioSocket> {
  const socket = io(`http://${hostPort}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    query: { user: user.id, name: user.name },
  });
  return withTimeout(
    `socket.io connect ${hostPort}`,
    new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    }),
  );
}

async function socketioViewer(hostPort: string, room: string, probe: boolean, sink: ViewerSink): Promise<Closeable> {
  const socket = await sioConnect(hostPort, VIEWER);
  socket.on('disconnect', () => sink.closed());
  socket.on(
    'danmaku',
    probe
      ? (d: JsonDanmaku) => {
          recordSentAt(sink, d.text);
          sink.items(1);
          sink.frame();
        }
      : () => {
          sink.items(1);
          sink.frame();
        },
  );
  await withTimeout(`socket.io join ${room}`, socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('join', room));
  return { close: () => socket.disconnect() };
}

async function socketioPoster(hostPort: string, user: Identity): Promise<Poster> {
  const socket = await sioConnect(hostPort, user);
  const poster = {
    acked: 0,
    refused: 0,
    post(room: string, _clientMsgId: string, text: string) {
      socket.emit('comment', { room, text, color: COMMENT_COLOR, mode: 0 }, (reply: { ok: boolean }) => {
        if (reply.ok) poster.acked++;
        else poster.refused++;
      });
    },
    // socket.io-client writes through engine.io's own buffer, flushed on the next tick anyway.
    cork: () => undefined,
    uncork: () => undefined,
    close: () => socket.disconnect(),
  };
  return poster;
}

// ---------------------------------------------------------------- plain ws, JSON

async function wsViewer(hostPort: string, room: string, probe: boolean, sink: ViewerSink): Promise<Closeable> {
  let joined = false;
  let resolveJoined: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveJoined = resolve));
  const { ws } = await openWs(`ws://${hostPort}/?user=${VIEWER.id}&name=${VIEWER.name}`, (data) => {
    if (!joined) {
      joined = true;
      return resolveJoined();
    }
    if (probe) recordSentAt(sink, (JSON.parse(data.toString()) as JsonDanmaku).text);
    sink.items(1);
    sink.frame();
  });
  ws.on('close', () => sink.closed());
  ws.send(JSON.stringify({ t: 'join', room }));
  await withTimeout(`ws join ${room}`, ready);
  return { close: () => ws.terminate() };
}

async function wsPoster(hostPort: string, user: Identity): Promise<Poster> {
  const poster = {
    acked: 0,
    refused: 0,
    post(room: string, cid: string, text: string) {
      ws.send(JSON.stringify({ t: 'comment', room, cid, text, color: COMMENT_COLOR, mode: 0 }));
    },
    cork: () => tcp.cork(),
    uncork: () => tcp.uncork(),
    close: () => ws.terminate(),
  };
  const { ws, tcp } = await openWs(
    `ws://${hostPort}/?user=${encodeURIComponent(user.id)}&name=${encodeURIComponent(user.name)}`,
    (data) => {
      const reply = JSON.parse(data.toString()) as { t: string; ok?: boolean };
      if (reply.t !== 'ack') return;
      if (reply.ok) poster.acked++;
      else poster.refused++;
    },
  );
  return poster;
}

/** A viewer of one room on the server at host:port; a probe viewer decodes every danmaku to time it. */
export function connectViewer(
  protocol: Protocol,
  hostPort: string,
  room: string,
  probe: boolean,
  sink: ViewerSink,
): Promise<Closeable> {
  if (protocol === 'danmaku' || protocol === 'danmaku-compact')
    return danmakuViewer(hostPort, room, probe, sink, protocol === 'danmaku-compact');
  if (protocol === 'socketio') return socketioViewer(hostPort, room, probe, sink);
  return wsViewer(hostPort, room, probe, sink);
}

/** A poster; only this server checks the token (the peers take the user id and name on trust). */
export function connectPoster(protocol: Protocol, hostPort: string, user: Identity, token: string): Promise<Poster> {
  if (protocol === 'danmaku' || protocol === 'danmaku-compact') return danmakuPoster(hostPort, token);
  if (protocol === 'socketio') return socketioPoster(hostPort, user);
  return wsPoster(hostPort, user);
}
