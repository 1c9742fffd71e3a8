import type { Bus, Signal } from '../bus/bus.js';
import type { Logger } from '../log.js';
import type { ModerationState } from '../moderation/state.js';
import { CloseCode } from '../protocol/close-codes.js';
import { encodeServerFrame } from '../protocol/codec.js';
import type { Gateway } from '../gateway/gateway.js';

/** Where moderation effects land on this node: the WebSocket viewers, and long-pollers waiting now. */
export interface EffectTargets extends Pick<Gateway, 'closeUser'> {
  /** Sends one encoded ServerFrame to every viewer of a room on this node; returns how many. */
  publishToRoom(room: string, frame: Uint8Array): number;
}

/** Moderator actions every node must carry out on its own sockets, sent as bus signals. */
export type ModerationSignal =
  | { readonly type: 'admin.recall'; readonly room: string; readonly ids: readonly string[] }
  | { readonly type: 'admin.notice'; readonly room: string; readonly text: string }
  | { readonly type: 'admin.kick'; readonly userId: string; readonly reason: string };

// A WebSocket close reason is at most 123 bytes of UTF-8.
const MAX_CLOSE_REASON_BYTES = 123;

export function closeReasonText(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > MAX_CLOSE_REASON_BYTES) text = [...text].slice(0, -1).join('');
  return text;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** A signal from the bus is input from another process: checked field by field before use. */
function readSignal(message: Signal): ModerationSignal | undefined {
  switch (message.type) {
    case 'admin.recall':
      return isString(message.room) && Array.isArray(message.ids) && message.ids.every(isString)
        ? { type: message.type, room: message.room, ids: message.ids }
        : undefined;
    case 'admin.notice':
      return isString(message.room) && isString(message.text)
        ? { type: message.type, room: message.room, text: message.text }
        : undefined;
    case 'admin.kick':
      return isString(message.userId) && isString(message.reason)
        ? { type: message.type, userId: message.userId, reason: message.reason }
        : undefined;
    default:
      return undefined;
  }
}

/** Carries out moderation signals (from this node or another) on this node's sockets. */
export function applyModerationSignals(bus: Bus, gateway: EffectTargets, state: ModerationState, log: Logger): void {
  bus.onSignal((message) => {
    const signal = readSignal(message);
    if (signal === undefined) {
      if (message.type.startsWith('admin.')) log.warn({ type: message.type }, 'malformed moderation signal ignored');
      return;
    }
    switch (signal.type) {
      case 'admin.recall':
        state.markRecalled(signal.room, signal.ids);
        gateway.publishToRoom(signal.room, encodeServerFrame({ recall: { room: signal.room, ids: [...signal.ids] } }));
        return;
      case 'admin.notice':
        gateway.publishToRoom(signal.room, encodeServerFrame({ notice: { room: signal.room, text: signal.text } }));
        return;
      case 'admin.kick':
        gateway.closeUser(signal.userId, 'kicked', CloseCode.KICKED, closeReasonText(signal.reason));
        return;
    }
  });
}
