import type { DanmakuProps } from '../protocol/codec.js';

/**
 * What a room's sequencer answers for one comment: its batch's seq and its danmaku id, or a
 * refusal (an ErrorCode) with `retryAfterMs` (ms) when the client may try again later.
 */
export type PostResult =
  | { readonly ok: true; readonly seq: number; readonly id: string }
  | { readonly ok: false; readonly code: number; readonly retryAfterMs?: number };

/** One accepted comment on its way to its room's sequencer. */
export interface Submission {
  /** Chosen by the client, unique per user; the sequencer de-duplicates on (item.userId, clientMsgId). */
  readonly clientMsgId: string;
  /** The danmaku as the accepting node built it (id, user, text, sent_at_ms, priority). */
  readonly item: DanmakuProps;
}

/** Where a room is sequenced: on this node, or on the node named (its forwarding identity). */
export type RoomOwner = { readonly local: true } | { readonly local: false; readonly node: string };

/** A stored batch with the client_msg_id of each of its items, as a new sequencer reads it back. */
export interface HistoryBatch {
  readonly seq: number;
  /** The encoded Batch body (room + items). */
  readonly body: Uint8Array;
  readonly clientMsgIds: readonly string[];
}

/** One room's comments in a forwarded tick. */
export interface ForwardPart {
  readonly room: string;
  readonly submissions: readonly Submission[];
}

/**
 * The sequencer's answer for one room of a forwarded tick: a result per comment, in order, or
 * undefined when that node does not sequence the room (ask owner() again).
 */
export type ForwardAnswer = readonly PostResult[] | undefined;

/** The node asked to sequence a room does not hold it (any more), or is gone: ask the directory again. */
export class NotOwnerError extends Error {
  override readonly name = 'NotOwnerError';
}

/**
 * Which node sequences each room of a cluster, and the way to it. Exactly one node holds a room at
 * a time (taken by the first node that needs the room, valid while that node is alive, released
 * when idle or on drain); every other node forwards its accepted comments to the holder. The
 * memory bus has no directory: its node sequences every room.
 */
export interface SequencerDirectory {
  /** Who sequences the room now; takes the room when nobody (alive) holds it. Rejects with BusUnavailableError. */
  owner(room: string): Promise<RoomOwner>;
  /** True while this node holds the room (and its own liveness is recent enough to trust that). */
  holds(room: string): boolean;
  /**
   * Sends one tick of comments for any number of rooms to the sequencer on `node` (one request per
   * node, however many rooms) and resolves with its answer per room, in order. Rejects with
   * NotOwnerError (the node is gone: ask owner() again) or BusUnavailableError (the answers may have
   * been lost: a retry is safe, the sequencer de-duplicates).
   */
  forward(node: string, parts: readonly ForwardPart[]): Promise<ForwardAnswer[]>;
  /** Answers comments other nodes forward to this node; only rooms it holds reach the handler. */
  serve(handler: (room: string, submissions: readonly Submission[]) => Promise<PostResult[]>): void;
  /** Called when this node stops holding a room (liveness lapsed, idle, drain): its sequencer state must go. */
  onLost(listener: (room: string) => void): void;
  /**
   * The room's last seq and its batches stored at or after `sinceMs` (ms since the epoch), oldest first:
   * what a new sequencer rebuilds its de-dup window and slow mode from. Rejects with BusUnavailableError.
   */
  recent(room: string, sinceMs: number): Promise<{ readonly head: number; readonly batches: HistoryBatch[] }>;
  /** Releases every room this node holds (drain), after its batches are stored. */
  releaseAll(): Promise<void>;
  close(): void;
}
