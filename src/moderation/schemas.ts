import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../schema/json-schema.js';

/**
 * The shapes of moderation state, as JSON Schema: what the state store holds (each entry is
 * checked against these when read, see ModerationState) and what the admin API answers. A schema
 * with a `title` is published as a named component of the admin API's OpenAPI document.
 */

const MS_SINCE_EPOCH = 'ms since the epoch';

export const BanKindSchema = StringEnum(['ban', 'mute'] as const, {
  description: 'ban: comments refused with BANNED; mute (one room): MUTED',
});

const banFields = {
  id: Type.String(),
  kind: BanKindSchema,
  userId: Type.String(),
  room: Nullable(Type.String({ description: 'null: every room' })),
  reason: Type.String(),
  createdAt: Type.Integer({ description: MS_SINCE_EPOCH }),
  expiresAt: Nullable(Type.Integer({ description: `${MS_SINCE_EPOCH}; null: permanent` })),
  createdBy: Type.String({ description: "the moderator token's sub" }),
};

/** A ban (or user mute) in force. */
export const BanSchema = Type.Object(
  {
    ...banFields,
    corrupt: Type.Optional(
      Type.String({
        description:
          'present when the stored entry is corrupt: what is wrong with it. Such an entry stays in force ' +
          '(as the ban it was, or as a ban of the user it names in its scope, permanent unless its ' +
          'expiresAt is readable; one naming no readable user has userId "" and bans nobody) until a ' +
          'moderator deletes it',
      }),
    ),
  },
  { title: 'Ban' },
);

/** A ban as stored: bans written before mutes existed carry no kind (they are bans). */
export const StoredBanSchema = Type.Object({ ...banFields, kind: Type.Optional(BanKindSchema) });

export type Ban = Static<typeof BanSchema>;

export const RoomSettingsSchema = Type.Object(
  {
    muted: Type.Boolean({ description: 'every comment in the room refused with MUTED' }),
    slowModeSeconds: Type.Integer({
      minimum: 0,
      maximum: 3600,
      description: '0: off; else one comment per user per this many seconds',
    }),
    maxCommentChars: Nullable(
      Type.Integer({ minimum: 1, description: 'code points; null: the server-wide MAX_COMMENT_CHARS' }),
    ),
  },
  { title: 'RoomSettings' },
);

export type RoomSettings = Static<typeof RoomSettingsSchema>;

/** Room settings as stored: the room id travels with them (the key holds it only encoded). */
export const StoredRoomSettingsSchema = Type.Object({ room: Type.String(), ...RoomSettingsSchema.properties });

export const FilterRuleSchema = Type.Object(
  {
    id: Type.String(),
    kind: StringEnum(['word', 'regex'] as const),
    pattern: Type.String(),
    action: StringEnum(['refuse', 'mask'] as const),
    createdAt: Type.Integer({ description: MS_SINCE_EPOCH }),
    createdBy: Type.String(),
  },
  { title: 'FilterRule' },
);

// No separate type: word-filter's FilterRule is assigned from and to Static<typeof FilterRuleSchema>
// (state.ts, admin/routes/filters.ts), so the compiler catches the two drifting apart.

export const RecalledSchema = Type.Object({ room: Type.String(), id: Type.String(), at: Type.Integer() });

export type Recalled = Static<typeof RecalledSchema>;
