import { connectViewer, type Closeable, type Protocol, type ViewerSink } from './clients.js';
import { LatencyHistogram, type SparseHistogram } from './histogram.js';
import { bytesReadByThisProcess } from './procfs.js';
import { targetFor } from './routing.js';
import { serve } from './rpc.js';
import { LoadSelfMonitor, type LoadSelf } from './worker-stats.js';

/** A load worker holding viewers: counts every danmaku delivered, times those of its probe viewers. */

export interface ViewerPlan {
  readonly protocol: Protocol;
  /** host:port of each node; viewer i connects to node i mod n, or with roomAffinity to its room's rendezvous node. */
  readonly targets: readonly string[];
  readonly roomAffinity: boolean;
  readonly viewers: readonly { readonly room: string; readonly probe: boolean }[];
  readonly concurrency: number;
}

export interface ViewerStats {
  readonly delivered: number;
  readonly frames: number;
  readonly closed: number;
  readonly bytesRead: number;
  readonly latency: SparseHistogram;
  readonly self: LoadSelf;
}

const histogram = new LatencyHistogram();
const monitor = new LoadSelfMonitor();
const open: Closeable[] = [];
let delivered = 0;
let frames = 0;
let closed = 0;

const sink: ViewerSink = {
  items: (n) => {
    delivered += n;
  },
  frame: () => {
    frames++;
  },
  sentAt: (latencyMs) => histogram.record(latencyMs),
  closed: () => {
    closed++;
  },
};

async function connect(plan: ViewerPlan): Promise<{ connected: number }> {
  let next = 0;
  const lane = async () => {
    while (next < plan.viewers.length) {
      const i = next++;
      const viewer = plan.viewers[i] as ViewerPlan['viewers'][number];
      open.push(
        await connectViewer(
          plan.protocol,
          targetFor(plan.targets, i, viewer.room, plan.roomAffinity),
          viewer.room,
          viewer.probe,
          sink,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.viewers.length) }, lane));
  return { connected: open.length };
}

serve({
  connect: (plan: ViewerPlan) => connect(plan),
  reset: () => {
    histogram.reset();
    monitor.reset();
    return {};
  },
  count: () => ({ delivered, closed }),
  stats: (): ViewerStats => ({
    delivered,
    frames,
    closed,
    bytesRead: bytesReadByThisProcess(),
    latency: histogram.toSparse(),
    self: monitor.read(),
  }),
  close: () => {
    for (const viewer of open.splice(0)) viewer.close();
    return {};
  },
});
