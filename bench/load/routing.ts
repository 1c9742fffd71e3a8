import { rendezvousOrder } from 'danmaku-client';

/**
 * Which node a load client connects to: round-robin by its index (viewers of a room spread over
 * every node, as behind a plain load balancer), or with room affinity the room's rendezvous node,
 * as the SDK picks it with `roomAffinity` (packages/client/src/affinity.ts).
 */
export function targetFor(targets: readonly string[], index: number, room: string, roomAffinity: boolean): string {
  const ordered = roomAffinity ? rendezvousOrder(targets, room) : targets;
  return (roomAffinity ? ordered[0] : ordered[index % ordered.length]) as string;
}
