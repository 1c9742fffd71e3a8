import { rmSync } from 'node:fs';
import type { Scheduler } from '../../src/lifecycle/scheduler.js';
import type { Ban } from '../../src/moderation/schemas.js';
import { ModerationState } from '../../src/moderation/state.js';
import { FileStore } from '../../src/store/file.js';
import { tempDataDir } from './node.js';
import { RecordedTelemetry } from './telemetry.js';

/**
 * Moderation state on a file store in a temp dir, on `scheduler`'s clock; `close` stops it and
 * removes the dir (pass it to t.teardown).
 */
export async function moderationState(
  scheduler: Scheduler,
): Promise<{ readonly state: ModerationState; close(): Promise<void> }> {
  const dir = tempDataDir();
  const telemetry = new RecordedTelemetry();
  const store = await FileStore.open(dir, telemetry);
  const state = new ModerationState(store, {
    recallTtlMs: 60_000,
    scheduler,
    log: telemetry.log,
    corruptEntries: telemetry.corruptEntries,
  });
  await state.start();
  return {
    state,
    close: async () => {
      state.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A ban or mute of `userId` made now by moderator "m"; `room` null for every room, `forMs` undefined for permanent. */
export function banOf(
  kind: Ban['kind'],
  userId: string,
  room: string | null,
  nowMs: number,
  forMs: number | undefined,
): Ban {
  return {
    id: `${kind}-${userId}-${room ?? 'all'}`,
    kind,
    userId,
    room,
    reason: 'test',
    createdAt: nowMs,
    expiresAt: forMs === undefined ? null : nowMs + forMs,
    createdBy: 'm',
  };
}
