import { constants, deflateRawSync, type ZlibOptions } from 'node:zlib';
import type { TemplatedApp } from 'uWebSockets.js';
import type { Metrics } from '../metrics/metrics.js';
import { encodeServerFrame } from '../protocol/codec.js';
import { COMPACT_DICTIONARY, encodeCompactBatch } from '../protocol/compact.js';
import { presetDictionary } from '../protocol/dictionary.js';
import type { StoredBatch } from '../bus/bus.js';
import type { CompactRoom } from '../rooms/hub.js';
import type { Delivery } from '../session/session.js';

const TOPIC_PREFIX: Readonly<Record<Delivery, string>> = { plain: 'r/', deflate: 'z/', compact: 'c/' };
const DELIVERIES: readonly Delivery[] = ['plain', 'deflate', 'compact'];

/**
 * The uWS topic a socket subscribes to for a room. Each delivery has its own topic, so a batch is
 * deflated (or laid out compactly) once per node and the same bytes go to all of its viewers.
 */
export function topicOf(room: string, delivery: Delivery): string {
  return TOPIC_PREFIX[delivery] + room;
}

// zlib sizes and zeroes a 32 KiB window and its hash on every call: a frame of a few KiB needs
// neither, and the same output comes ~20 % cheaper (bench/micro/lone-comment.bench.ts).
const SMALL_FRAME_BYTES = 4096;
const SMALL_FRAME: ZlibOptions = { windowBits: 12, memLevel: 4 };
// Batch frames up to SMALL_FRAME_BYTES deflate at zlib's fastest level. Measured 2026-12-01 on the
// load benchmark's texts (docs/benchmarks.md): 3 KB batches 63 µs instead of 82-142 µs for 2.5 % more
// bytes; deflating was 9 % of a node's CPU at the top of the 100 rooms × 20 viewers ladder. Larger
// frames (a hot room's) keep the default level, whose bytes every one of its many viewers receives;
// compact frames too: they are deflated for the bytes of lone comments (the preset dictionary).
const SMALL_BATCH_FRAME: ZlibOptions = { ...SMALL_FRAME, level: constants.Z_BEST_SPEED };

/**
 * What a viewer that accepts deflate gets for a stamped batch frame: a ServerFrame.deflated holding
 * it, or the frame itself when it is under minBytes or deflating would not make it smaller.
 */
export function deflateBatchFrame(frame: Uint8Array, minBytes: number): Uint8Array {
  if (frame.length < minBytes) return frame;
  const data = frame.length <= SMALL_FRAME_BYTES ? deflateRawSync(frame, SMALL_BATCH_FRAME) : deflateRawSync(frame);
  const packed = encodeServerFrame({ deflated: { data, size: frame.length } });
  return packed.length < frame.length ? packed : frame;
}

/**
 * A compact batch frame deflated with preset dictionary 1 when that is smaller (even a lone
 * danmaku's text finds common words in the dictionary), else the frame itself.
 */
export function deflateCompactFrame(frame: Uint8Array): Uint8Array {
  const dictionary = presetDictionary(COMPACT_DICTIONARY) as Uint8Array;
  const options = frame.length <= SMALL_FRAME_BYTES ? { ...SMALL_FRAME, dictionary } : { dictionary };
  const packed = encodeServerFrame({
    deflated: { data: deflateRawSync(frame, options), size: frame.length, dictionary: COMPACT_DICTIONARY },
  });
  return packed.length < frame.length ? packed : frame;
}

export interface FanoutOptions {
  /** Batches smaller than this go plain to everyone: deflate gains little on a lone comment. */
  readonly deflateMinBytes: number;
  /** ...and only when frame bytes × deflate viewers reach this: a deflate's fixed ~20 µs must pay. */
  readonly deflateMinFanoutBytes: number;
  /** uWS permessage-deflate (WS_COMPRESSION=shared) for plain frames: per viewer, unlike ours. */
  readonly wsCompression: boolean;
}

/**
 * A room's topics, one per delivery in DELIVERIES order, and how many sockets subscribe to each.
 * Counted once after each change of the room's subscriptions rather than per batch: uWS's
 * numSubscribers converts the topic to a native string and looks it up each call (~150 ns, three per
 * batch), which was 4–6 % of the node in rooms of 2–20 viewers (docs/benchmarks.md).
 */
interface RoomTopics {
  readonly names: readonly string[];
  readonly viewers: readonly number[];
}

/** Sends frames to every viewer of a room on this node, over each of the room's topics. */
export class RoomFanout {
  /** Rooms with at least one subscribed socket; dropped by {@link subscriptionsChanged}. */
  private readonly rooms = new Map<string, RoomTopics>();
  private frames = 0;
  private bytes = 0;

  constructor(
    private readonly app: TemplatedApp,
    private readonly options: FanoutOptions,
    private readonly metrics: Metrics,
  ) {}

  /**
   * A socket subscribed to or unsubscribed from one of the room's topics, or closed while in the
   * room: the counts are taken again at the next frame. Every change must be reported (the
   * WebSocket transport does), or frames would count and deflate for stale viewers.
   */
  subscriptionsChanged(room: string): void {
    this.rooms.delete(room);
  }

  private topics(room: string): RoomTopics {
    const known = this.rooms.get(room);
    if (known !== undefined) return known;
    const names = DELIVERIES.map((delivery) => topicOf(room, delivery));
    const viewers = names.map((name) => this.app.numSubscribers(name));
    const topics = { names, viewers };
    // A room nobody subscribes to (long-poll viewers only) is not kept: nothing would ever drop it.
    if (viewers.some((n) => n > 0)) this.rooms.set(room, topics);
    return topics;
  }

  /**
   * A batch's stamped frame to its room's viewers, and the batch itself, laid out compactly, to
   * those of them that asked (`room`: its alias and epoch on this node); returns how many viewers
   * it went to.
   */
  batch(frame: Uint8Array, batch: StoredBatch, room: CompactRoom): number {
    const { names, viewers } = this.topics(batch.room);
    const plain = viewers[0] as number;
    const deflate = viewers[1] as number;
    const compact = viewers[2] as number;
    if (plain > 0) {
      this.app.publish(names[0] as string, frame, true, this.options.wsCompression);
      this.count(plain, frame);
    }
    if (deflate > 0) {
      const sent = this.pays(frame, deflate) ? deflateBatchFrame(frame, this.options.deflateMinBytes) : frame;
      this.app.publish(names[1] as string, sent, true, false);
      this.count(deflate, sent);
    }
    if (compact > 0) {
      const epoch = room.compactEpoch === batch.epoch ? '' : batch.epoch;
      const laidOut = encodeCompactBatch(batch.body, room.alias, epoch, batch.seq);
      const sent = this.pays(laidOut, compact) ? deflateCompactFrame(laidOut) : laidOut;
      this.app.publish(names[2] as string, sent, true, false);
      this.count(compact, sent);
    }
    return plain + deflate + compact;
  }

  /** A deflate's fixed cost (~20 µs) is worth it when the bytes it shrinks go to enough viewers. */
  private pays(frame: Uint8Array, viewers: number): boolean {
    return frame.length * viewers >= this.options.deflateMinFanoutBytes;
  }

  /** Any other frame (recall, notice), plain to everyone; returns how many viewers it went to. */
  frame(room: string, frame: Uint8Array): number {
    const { names, viewers } = this.topics(room);
    let sent = 0;
    names.forEach((name, i) => {
      const n = viewers[i] as number;
      if (n === 0) return;
      this.app.publish(name, frame, true, false);
      sent += n;
    });
    return sent;
  }

  /**
   * Frames and bytes delivered, summed here and added to the counters once per turn: two counter
   * increments per topic per batch were a visible share of a batch's cost in rooms of two.
   */
  private count(viewers: number, frame: Uint8Array): void {
    if (this.frames === 0) setImmediate(() => this.flushCounts());
    this.frames += viewers;
    this.bytes += viewers * frame.length;
  }

  private flushCounts(): void {
    this.metrics.deliveredFrames.inc(this.frames);
    this.metrics.deliveredBytes.inc(this.bytes);
    this.frames = 0;
    this.bytes = 0;
  }
}
