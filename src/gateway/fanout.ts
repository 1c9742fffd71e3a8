import { deflateRawSync, type ZlibOptions } from 'node:zlib';
import type { TemplatedApp } from 'uWebSockets.js';
import type { Metrics } from '../metrics/metrics.js';
import { encodeServerFrame } from '../protocol/codec.js';

/**
 * The uWS topic a socket subscribes to for a room. Connections that accept deflated batches have
 * their own topic, so a batch is deflated once per node and the same bytes go to all of them.
 */
export function topicOf(room: string, deflate: boolean): string {
  return deflate ? `z/${room}` : `r/${room}`;
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

  /** A stamped batch frame; returns how many viewers it went to. */
  batch(room: string, frame: Uint8Array): number {
    const plainViewers = this.send(topicOf(room, false), frame, this.options.wsCompression);
    this.count(plainViewers, frame);
    const deflateTopic = topicOf(room, true);
    const deflateViewers = this.app.numSubscribers(deflateTopic);
    if (deflateViewers === 0) return plainViewers;
    const deflated =
      frame.length * deflateViewers < this.options.deflateMinFanoutBytes
        ? frame
        : deflateBatchFrame(frame, this.options.deflateMinBytes);
    this.app.publish(deflateTopic, deflated, true, false);
    this.count(deflateViewers, deflated);
    return plainViewers + deflateViewers;
  }

  /** Any other frame (recall, notice), plain to everyone; returns how many viewers it went to. */
  frame(room: string, frame: Uint8Array): number {
    return this.send(topicOf(room, false), frame, false) + this.send(topicOf(room, true), frame, false);
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
