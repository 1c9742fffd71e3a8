import { Type } from '@sinclair/typebox';
import type { Limits } from '../config/config.js';
import { ROOM_ID } from '../domain/room.js';
import { BanSchema, RoomSettingsSchema } from '../moderation/schemas.js';
import { StringEnum } from '../schema/json-schema.js';
import { BadRequest } from './route.js';

/** Schemas more than one admin resource uses. Lengths are in code points (JSON Schema's maxLength). */

// MAX_ROOM_ID_CHARS may be set up to 256: the schema holds the hard bound, checkRoom the configured one.
const ROOM_ID_HARD_MAX = 256;

export const RoomIdSchema = Type.String({
  minLength: 1,
  maxLength: ROOM_ID_HARD_MAX,
  pattern: ROOM_ID.source,
  description: 'a room id (A-Z a-z 0-9 _ . : -), at most MAX_ROOM_ID_CHARS (default 64) characters',
});

/** Throws BadRequest when a schema-valid room id is longer than this node's MAX_ROOM_ID_CHARS. */
export function checkRoom(limits: Limits, room: string, field = 'room'): string {
  if (room.length > limits.maxRoomIdChars)
    throw new BadRequest(field, `must be at most ${limits.maxRoomIdChars} characters (MAX_ROOM_ID_CHARS)`);
  return room;
}

export const UserIdSchema = Type.String({ minLength: 1, maxLength: 128, description: "the user's token sub" });
export const ReasonSchema = Type.String({ minLength: 1, maxLength: 500 });

export const RoomParams = Type.Object({ room: RoomIdSchema });
export const IdParams = (what: string) => Type.Object({ id: Type.String({ minLength: 1, description: `${what} id` }) });

export const ErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'a stable code: not_found, unavailable, too_large, ...' }),
    message: Type.Optional(Type.String()),
  },
  { title: 'Error' },
);

export const BadRequestSchema = Type.Object(
  {
    error: StringEnum(['bad_request'] as const),
    field: Type.String({ description: 'the field at fault: "body" for the body as a whole, "ids[1]" for a list item' }),
    message: Type.String({ description: 'starts with the field: "durationSeconds: must be a whole number"' }),
  },
  { title: 'BadRequest' },
);

/** A fixed error code and nothing else (401, 403, 429 are answered before routing and reveal nothing more). */
export const codeOnly = (code: string) => Type.Object({ error: StringEnum([code] as const) });

export const RoomSummarySchema = Type.Object(
  {
    room: Type.String(),
    viewers: Type.Integer({ description: 'whole-room viewer count' }),
    danmakuPerSecond: Type.Number({ description: 'over the last 10 s' }),
    settings: RoomSettingsSchema,
  },
  { title: 'RoomSummary' },
);

export const BanList = Type.Array(BanSchema);
