import { signToken } from '../../src/auth/token.js';
import { connectPoster, type Poster, type Protocol } from './clients.js';
import { targetFor } from './routing.js';
import { serve } from './rpc.js';
import { LoadSelfMonitor, type LoadSelf } from './worker-stats.js';
import { commentText, userName } from './workload.js';

/** A load worker holding the posters: sends comments at a fixed rate and waits for their acks. */

export interface PosterPlan {
  readonly protocol: Protocol;
  readonly targets: readonly string[];
  /**
   * Each comment is sent by a poster connected to its room's rendezvous node (a viewer of the room
   * posting, connected as the SDK's roomAffinity connects it), not by the next poster whatever its node.
   */
  readonly roomAffinity: boolean;
  /** Indexes of this worker's posters in the whole session: poster i has the same id and name whichever worker holds it. */
  readonly posters: readonly number[];
  readonly authSecret: string;
}

export interface RunPlan {
  /** Comments per second over this worker's posters. */
  readonly rate: number;
  /** Comments this worker sends (its share of the step's rate × duration). */
  readonly count: number;
  /** Comment j of this worker goes to rooms[(j·roomStride + roomOffset) mod rooms]. */
  readonly rooms: readonly string[];
  readonly roomStride: number;
  readonly roomOffset: number;
  /** How long to wait for outstanding acks after the last send. */
  readonly ackGraceMs: number;
}

export interface RunResult {
  readonly sent: number;
  readonly acked: number;
  readonly refused: number;
  readonly unanswered: number;
  /** Worst delay between when a comment was due and when it was sent. */
  readonly maxSendLagMs: number;
  readonly self: LoadSelf;
}

// Sending every 2 ms keeps each burst small (rate/500 comments) without a timer per comment.
const SEND_TICK_MS = 2;
const monitor = new LoadSelfMonitor();
const posters: Poster[] = [];
let counter = 0;
/** With room affinity: the posters connected to each node, and which of them sent last. */
const byTarget = new Map<string, { readonly posters: Poster[]; next: number }>();
let affinityTargets: readonly string[] | undefined;

/** The poster that sends comment `sent` to `room`: the next one, or the next one on the room's node. */
function posterFor(sent: number, room: string): Poster {
  const onNode = affinityTargets && byTarget.get(targetFor(affinityTargets, 0, room, true));
  if (onNode === undefined || onNode.posters.length === 0) return posters[sent % posters.length] as Poster;
  return onNode.posters[onNode.next++ % onNode.posters.length] as Poster;
}

async function connect(plan: PosterPlan): Promise<{ connected: number }> {
  // With room affinity every comment must leave from its room's node, so this worker needs a poster
  // on each node: its own k-th poster goes to node k mod n (poster i mod n could leave a worker with
  // none on some node when posters are split over workers, and the fallback in posterFor would then
  // send those rooms' comments from another node).
  if (plan.roomAffinity && plan.posters.length < plan.targets.length)
    throw new Error(
      `room affinity needs a poster on each of the ${plan.targets.length} nodes in every poster worker; this one has ${plan.posters.length}`,
    );
  const exp = Math.floor(Date.now() / 1000) + 3600;
  for (const [k, i] of plan.posters.entries()) {
    // Ids and names shaped like a real site's (numeric uid, short Chinese nickname); every server gets the same.
    const user = { id: String(300_000_000 + i * 7919), name: userName(i) };
    const token = signToken(plan.authSecret, { sub: user.id, name: user.name, rooms: ['*'], role: 'viewer', exp });
    const target = plan.targets[(plan.roomAffinity ? k : i) % plan.targets.length] as string;
    const poster = await connectPoster(plan.protocol, target, user, token);
    posters.push(poster);
    if (!byTarget.has(target)) byTarget.set(target, { posters: [], next: 0 });
    byTarget.get(target)?.posters.push(poster);
  }
  affinityTargets = plan.roomAffinity ? plan.targets : undefined;
  return { connected: posters.length };
}

const answered = () => posters.reduce((sum, p) => sum + p.acked + p.refused, 0);

function run(plan: RunPlan): Promise<RunResult> {
  monitor.reset();
  const acked0 = posters.reduce((sum, p) => sum + p.acked, 0);
  const refused0 = posters.reduce((sum, p) => sum + p.refused, 0);
  const answered0 = answered();
  const total = plan.count;
  const start = performance.now();
  let sent = 0;
  let maxSendLagMs = 0;
  return new Promise((resolve) => {
    const finish = () => {
      const acked = posters.reduce((sum, p) => sum + p.acked, 0) - acked0;
      const refused = posters.reduce((sum, p) => sum + p.refused, 0) - refused0;
      resolve({ sent, acked, refused, unanswered: sent - acked - refused, maxSendLagMs, self: monitor.read() });
    };
    const tick = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((elapsed / 1000) * plan.rate) + 1);
      if (due > sent + 1) maxSendLagMs = Math.max(maxSendLagMs, ((due - sent - 1) / plan.rate) * 1000);
      // One write per poster per tick: each comment is its own WebSocket frame, as from a real client.
      for (const poster of posters) poster.cork();
      while (sent < due) {
        const n = counter++;
        const room = plan.rooms[(sent * plan.roomStride + plan.roomOffset) % plan.rooms.length] as string;
        const poster = posterFor(sent, room);
        poster.post(room, `m${n}`, commentText(n, Date.now()));
        sent++;
      }
      for (const poster of posters) poster.uncork();
      if (sent < total) return;
      clearInterval(tick);
      const deadline = performance.now() + plan.ackGraceMs;
      const wait = setInterval(() => {
        if (answered() - answered0 >= sent || performance.now() > deadline) {
          clearInterval(wait);
          finish();
        }
      }, 10);
    }, SEND_TICK_MS);
  });
}

serve({
  connect: (plan: PosterPlan) => connect(plan),
  run: (plan: RunPlan) => run(plan),
  close: () => {
    for (const poster of posters.splice(0)) poster.close();
    byTarget.clear();
    return {};
  },
});
