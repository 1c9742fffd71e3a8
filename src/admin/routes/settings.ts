import { Type } from '@sinclair/typebox';
import type { RoomSettings } from '../../moderation/schemas.js';
import { DEFAULT_ROOM_SETTINGS } from '../../moderation/state.js';
import { RoomSettingsSchema } from '../../moderation/schemas.js';
import { Nullable } from '../../schema/json-schema.js';
import { BadRequest, defineRoute, type AdminContext } from '../route.js';
import { RoomParams, checkRoom } from '../schemas.js';

const TAG = 'settings';

// MAX_COMMENT_CHARS may be set up to 10,000: the schema holds that bound, the handler the configured one.
const SettingsInput = Type.Object(
  {
    muted: Type.Optional(Nullable(Type.Boolean())),
    slowModeSeconds: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 3600 }))),
    maxCommentChars: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 1,
          maximum: 10_000,
          description: 'at most MAX_COMMENT_CHARS; null: back to the server-wide MAX_COMMENT_CHARS',
        }),
      ),
    ),
  },
  { additionalProperties: false, title: 'RoomSettingsInput' },
);

const SettingsAnswer = Type.Object(
  { room: Type.String(), settings: RoomSettingsSchema },
  { title: 'RoomSettingsAnswer' },
);

type Input = AdminContext<{ room: string }, unknown, typeof SettingsInput.static>;

/** Stores `base` with the body's fields over it (absent or null: the base value; maxCommentChars null clears it). */
async function putSettings({ deps, params, body }: Input, base: RoomSettings) {
  const room = checkRoom(deps.limits, params.room);
  if (typeof body.maxCommentChars === 'number' && body.maxCommentChars > deps.limits.maxCommentChars)
    throw new BadRequest('maxCommentChars', `must be between 1 and ${deps.limits.maxCommentChars}`);
  const settings: RoomSettings = {
    muted: body.muted ?? base.muted,
    slowModeSeconds: body.slowModeSeconds ?? base.slowModeSeconds,
    maxCommentChars: body.maxCommentChars === null ? null : (body.maxCommentChars ?? base.maxCommentChars),
  };
  await deps.state.putRoomSettings(room, settings);
  return { status: 200 as const, body: { room, settings } };
}

const common = {
  path: '/rooms/:room/settings',
  tag: TAG,
  params: RoomParams,
  body: SettingsInput,
  answers: { 200: { description: 'The settings now in force', schema: SettingsAnswer } },
  refusals: [503],
} as const;

export const replaceRoomSettings = defineRoute({
  ...common,
  operationId: 'replaceRoomSettings',
  method: 'PUT',
  summary: "Replace a room's settings (absent fields take their defaults)",
  action: 'room.settings.replace',
  example: { muted: false, slowModeSeconds: 10, maxCommentChars: 50 },
  handle: (context) => putSettings(context, DEFAULT_ROOM_SETTINGS),
});

export const updateRoomSettings = defineRoute({
  ...common,
  operationId: 'updateRoomSettings',
  method: 'PATCH',
  summary: "Change some of a room's settings (absent fields keep their value)",
  action: 'room.settings.update',
  example: { muted: true },
  handle: (context) => putSettings(context, context.deps.state.settings(context.params.room)),
});

export const settingsRoutes = [replaceRoomSettings, updateRoomSettings] as const;
