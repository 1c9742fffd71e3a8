import { randomBytes } from 'node:crypto';
import { BusUnavailableError, type Bus } from '../bus/bus.js';
import type { Limits } from '../config/config.js';
import { ROOM_ID } from '../domain/room.js';
import type { Ban, ModerationState, RoomSettings } from '../moderation/state.js';
import { FILTER_LIMITS, refuseRegexRule, type FilterRule } from '../moderation/word-filter.js';
import type { RoomRates } from '../rooms/rates.js';
import type { AuditLog } from './audit.js';
import type { ModerationSignal } from './effects.js';
import type { AdminContext, Reply, Route } from './http.js';
import {
  BadRequest,
  HttpError,
  type Body,
  objectBody,
  optionalBoolean,
  optionalChoice,
  optionalInteger,
  optionalString,
  requiredString,
  stringList,
} from './validate.js';

export interface AdminDeps {
  readonly state: ModerationState;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly limits: Limits;
  /** Rooms with viewers on this node. */
  readonly rooms: () => Iterable<string>;
  /** Whole-room viewer count. */
  readonly viewers: (room: string) => number;
  readonly rates: RoomRates;
}

const USER_ID = { max: 128 };
const REASON = { max: 500 };
const MAX_BAN_SECONDS = 10 * 365 * 24 * 3600;
const MAX_SLOW_MODE_SECONDS = 3600;
const MAX_RECALL_IDS = 100;
const MAX_NOTICE_CHARS = 500;
const MAX_AUDIT_PAGE = 200;

const ok = (body: unknown): Reply => ({ status: 200, body });
const newId = () => randomBytes(9).toString('base64url');

export function adminRoutes(deps: AdminDeps): Route[] {
  const { state, limits } = deps;

  const room = (context: AdminContext): string => {
    const value = context.params.room ?? '';
    if (value.length === 0 || value.length > limits.maxRoomIdChars || !ROOM_ID.test(value)) {
      throw new BadRequest('room', `must be 1-${limits.maxRoomIdChars} characters of A-Z a-z 0-9 _ . : -`);
    }
    return value;
  };

  const roomSummary = (name: string) => ({
    room: name,
    viewers: deps.viewers(name),
    danmakuPerSecond: deps.rates.perSecond(name),
    settings: state.settings(name),
  });

  const signal = async (message: ModerationSignal): Promise<void> => {
    try {
      await deps.bus.signal(message);
    } catch (err) {
      if (err instanceof BusUnavailableError)
        throw new HttpError(503, 'unavailable', 'the bus cannot reach the other nodes; retry');
      throw err;
    }
  };

  const settingsFrom = (body: unknown, base: RoomSettings): RoomSettings => {
    const fields = objectBody(body, ['muted', 'slowModeSeconds', 'maxCommentChars']);
    const muted = optionalBoolean(fields, 'muted');
    const slowModeSeconds = optionalInteger(fields, 'slowModeSeconds', 0, MAX_SLOW_MODE_SECONDS);
    const maxCommentChars = optionalInteger(fields, 'maxCommentChars', 1, limits.maxCommentChars);
    return {
      muted: muted ?? base.muted,
      slowModeSeconds: slowModeSeconds ?? base.slowModeSeconds,
      // null clears the room's own limit back to the server-wide one.
      maxCommentChars: maxCommentChars ?? (fields.maxCommentChars === null ? null : base.maxCommentChars),
    };
  };

  /** Creates a ban or a user mute from a validated body. */
  const restrict = async (
    kind: Ban['kind'],
    body: Body,
    inRoom: string | null,
    context: AdminContext,
  ): Promise<Ban> => {
    const userId = requiredString(body, 'userId', USER_ID);
    const durationSeconds = optionalInteger(body, 'durationSeconds', 1, MAX_BAN_SECONDS);
    const reason = requiredString(body, 'reason', REASON);
    const createdAt = Date.now();
    const ban: Ban = {
      id: newId(),
      kind,
      userId,
      room: inRoom,
      reason,
      createdAt,
      expiresAt: durationSeconds === undefined ? null : createdAt + durationSeconds * 1000,
      createdBy: context.actor.sub,
    };
    await state.putBan(ban);
    return ban;
  };

  const putSettings = async (context: AdminContext, base: RoomSettings): Promise<Reply> => {
    const name = room(context);
    const settings = settingsFrom(context.body, base);
    await state.putRoomSettings(name, settings);
    return ok({ room: name, settings });
  };

  return [
    {
      method: 'GET',
      path: '/rooms',
      handle: () => {
        const names = new Set([...deps.rooms(), ...state.roomsWithSettings()]);
        return ok({ rooms: [...names].sort().map(roomSummary) });
      },
    },
    {
      method: 'GET',
      path: '/rooms/:room',
      handle: (context) => {
        const name = room(context);
        return ok({
          ...roomSummary(name),
          bans: state.bans().filter((b) => b.room === name),
          mutes: state.bans('mute').filter((b) => b.room === name),
        });
      },
    },
    {
      method: 'PUT',
      path: '/rooms/:room/settings',
      action: 'room.settings.replace',
      handle: (context) => putSettings(context, { muted: false, slowModeSeconds: 0, maxCommentChars: null }),
    },
    {
      method: 'PATCH',
      path: '/rooms/:room/settings',
      action: 'room.settings.update',
      handle: (context) => putSettings(context, state.settings(room(context))),
    },
    {
      method: 'POST',
      path: '/rooms/:room/recall',
      action: 'danmaku.recall',
      handle: async (context) => {
        const name = room(context);
        const ids = stringList(objectBody(context.body, ['ids']), 'ids', MAX_RECALL_IDS, { max: 64 });
        // Stored before the signal, so a viewer resuming anywhere after the frame never gets them back.
        await state.recall(name, ids);
        await signal({ type: 'admin.recall', room: name, ids });
        return { status: 202, body: { room: name, ids } };
      },
    },
    {
      method: 'POST',
      path: '/rooms/:room/notices',
      action: 'room.notice',
      handle: async (context) => {
        const name = room(context);
        const text = requiredString(objectBody(context.body, ['text']), 'text', { max: MAX_NOTICE_CHARS });
        await signal({ type: 'admin.notice', room: name, text });
        return { status: 202, body: { room: name, text } };
      },
    },
    {
      method: 'GET',
      path: '/bans',
      handle: (context) => {
        const userId = context.query.get('userId');
        const inRoom = context.query.get('room');
        const bans = state
          .bans()
          .filter((b) => (userId === null || b.userId === userId) && (inRoom === null || b.room === inRoom));
        return ok({ bans });
      },
    },
    {
      method: 'POST',
      path: '/bans',
      action: 'ban.create',
      handle: async (context) => {
        const body = objectBody(context.body, ['userId', 'room', 'durationSeconds', 'reason']);
        const inRoom = optionalString(body, 'room', {
          max: limits.maxRoomIdChars,
          pattern: ROOM_ID,
          patternText: 'a room id (A-Z a-z 0-9 _ . : -)',
        });
        return { status: 201, body: { ban: await restrict('ban', body, inRoom ?? null, context) } };
      },
    },
    {
      method: 'GET',
      path: '/bans/:id',
      handle: (context) => {
        const ban = state.ban(context.params.id ?? '');
        if (ban === undefined) throw new HttpError(404, 'not_found', 'no such ban');
        return ok({ ban });
      },
    },
    {
      method: 'DELETE',
      path: '/bans/:id',
      action: 'ban.delete',
      handle: async (context) => {
        const ban = state.ban(context.params.id ?? '');
        if (ban === undefined) throw new HttpError(404, 'not_found', 'no such ban');
        await state.deleteBan(ban.id);
        return ok({ deleted: ban });
      },
    },
    {
      method: 'DELETE',
      path: '/users/:userId/bans',
      action: 'ban.delete_user',
      handle: async (context) => {
        const userId = context.params.userId ?? '';
        const bans = state.bans().filter((b) => b.userId === userId);
        await Promise.all(bans.map((b) => state.deleteBan(b.id)));
        return ok({ deleted: bans });
      },
    },
    {
      method: 'POST',
      path: '/rooms/:room/mutes',
      action: 'mute.create',
      handle: async (context) => {
        const name = room(context);
        const body = objectBody(context.body, ['userId', 'durationSeconds', 'reason']);
        return { status: 201, body: { mute: await restrict('mute', body, name, context) } };
      },
    },
    {
      method: 'DELETE',
      path: '/mutes/:id',
      action: 'mute.delete',
      handle: async (context) => {
        const mute = state.ban(context.params.id ?? '', 'mute');
        if (mute === undefined) throw new HttpError(404, 'not_found', 'no such mute');
        await state.deleteBan(mute.id);
        return ok({ deleted: mute });
      },
    },
    {
      method: 'POST',
      path: '/kick',
      action: 'user.kick',
      handle: async (context) => {
        const body = objectBody(context.body, ['userId', 'reason']);
        const userId = requiredString(body, 'userId', USER_ID);
        const reason = requiredString(body, 'reason', { max: 123 });
        await signal({ type: 'admin.kick', userId, reason });
        return { status: 202, body: { userId, reason } };
      },
    },
    {
      method: 'GET',
      path: '/filters',
      handle: () => ok({ filters: state.filters() }),
    },
    {
      method: 'POST',
      path: '/filters',
      action: 'filter.create',
      handle: async (context) => {
        const body = objectBody(context.body, ['pattern', 'kind', 'action']);
        const kind = optionalChoice(body, 'kind', ['word', 'regex'] as const) ?? 'word';
        const action = optionalChoice(body, 'action', ['refuse', 'mask'] as const) ?? 'refuse';
        const existing = state.filters();
        let pattern: string;
        if (kind === 'word') {
          pattern = requiredString(body, 'pattern', { max: FILTER_LIMITS.maxWordChars });
          if (pattern.trim().length === 0) throw new BadRequest('pattern', 'must not be blank');
          if (existing.length >= FILTER_LIMITS.maxWords)
            throw new BadRequest('pattern', `at most ${FILTER_LIMITS.maxWords} words`);
        } else {
          pattern = requiredString(body, 'pattern', { max: FILTER_LIMITS.maxRegexChars });
          const refused = refuseRegexRule(pattern, existing);
          if (refused !== undefined) throw new BadRequest('pattern', refused);
        }
        const rule: FilterRule = {
          id: newId(),
          kind,
          pattern,
          action,
          createdAt: Date.now(),
          createdBy: context.actor.sub,
        };
        await state.putFilter(rule);
        return { status: 201, body: { filter: rule } };
      },
    },
    {
      method: 'DELETE',
      path: '/filters/:id',
      action: 'filter.delete',
      handle: async (context) => {
        const rule = state.filterRule(context.params.id ?? '');
        if (rule === undefined) throw new HttpError(404, 'not_found', 'no such filter');
        await state.deleteFilter(rule.id);
        return ok({ deleted: rule });
      },
    },
    {
      method: 'GET',
      path: '/audit',
      handle: (context) => {
        const limitText = context.query.get('limit');
        const limit = limitText === null ? 50 : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE)
          throw new BadRequest('limit', `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
        const cursor = context.query.get('cursor');
        return ok(deps.audit.page(cursor === null || cursor === '' ? undefined : cursor, limit));
      },
    },
  ];
}
