import { deflateRawSync, type ZlibOptions } from 'node:zlib';
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

/**
 * What a viewer that accepts deflate gets for a stamped batch frame: a ServerFrame.deflated holding
 * it, or the frame itself when it is under minBytes or deflating would not make it smaller.
 */
export function deflateBatchFrame(frame: Uint8Array, minBytes: number): Uint8Array {
  if (frame.length < minBytes) return frame;
  const data = frame.length <= SMALL_FRAME_BYTES ? deflateRawSync(frame, SMALL_FRAME) : deflateRawSync(frame);
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

/** Sends frames to every viewer of a room on this node, over both of the room's topics. */
export class RoomFanout {
  constructor(
    private readonly app: TemplatedApp,
    private readonly options: FanoutOptions,
    private readonly metrics: Metrics,
  ) {}

  /**
   * A batch's stamped frame to its room's viewers, and the batch itself, laid out compactly, to
   * those of them that asked (`room`: its alias and epoch on this node); returns how many viewers
   * it went to.
   */
  batch(frame: Uint8Array, batch: StoredBatch, room: CompactRoom): number {
    const plainViewers = this.send(topicOf(batch.room, 'plain'), frame, this.options.wsCompression);
    this.count(plainViewers, frame);
    return plainViewers + this.deflated(batch.room, frame) + this.compact(batch, room);
  }

  private deflated(room: string, frame: Uint8Array): number {
    const topic = topicOf(room, 'deflate');
    const viewers = this.app.numSubscribers(topic);
    if (viewers === 0) return 0;
    const deflated = this.pays(frame, viewers) ? deflateBatchFrame(frame, this.options.deflateMinBytes) : frame;
    this.app.publish(topic, deflated, true, false);
    this.count(viewers, deflated);
    return viewers;
  }

  private compact(batch: StoredBatch, room: CompactRoom): number {
    const topic = topicOf(batch.room, 'compact');
    const viewers = this.app.numSubscribers(topic);
    if (viewers === 0) return 0;
    const epoch = room.compactEpoch === batch.epoch ? '' : batch.epoch;
    const frame = encodeCompactBatch(batch.body, room.alias, epoch, batch.seq);
    const sent = this.pays(frame, viewers) ? deflateCompactFrame(frame) : frame;
    this.app.publish(topic, sent, true, false);
    this.count(viewers, sent);
    return viewers;
  }

  /** A deflate's fixed cost (~20 µs) is worth it when the bytes it shrinks go to enough viewers. */
  private pays(frame: Uint8Array, viewers: number): boolean {
    return frame.length * viewers >= this.options.deflateMinFanoutBytes;
  }

  /** Any other frame (recall, notice), plain to everyone; returns how many viewers it went to. */
  frame(room: string, frame: Uint8Array): number {
    let viewers = 0;
    for (const delivery of DELIVERIES) viewers += this.send(topicOf(room, delivery), frame, false);
    return viewers;
  }

  private send(topic: string, frame: Uint8Array, compress: boolean): number {
    const viewers = this.app.numSubscribers(topic);
    if (viewers === 0) return 0;
    this.app.publish(topic, frame, true, compress);
    return viewers;
  }

  private count(viewers: number, frame: Uint8Array): void {
    if (viewers === 0) return;
    this.metrics.deliveredFrames.inc(viewers);
    this.metrics.deliveredBytes.inc(viewers * frame.length);
  }
}
