/**
 * Characters a room id may hold: ASCII letters, digits and `_ . : -`. A room id names a JetStream
 * subject token and a uWS topic, so it must hold no space, `*`, `>` or `/`.
 */
export const ROOM_ID = /^[A-Za-z0-9_.:-]+$/;

/** Whether `room` is a valid room id of at most `maxChars` characters (MAX_ROOM_ID_CHARS, 1-256). */
export function isRoomId(room: string, maxChars: number): boolean {
  return room.length > 0 && room.length <= maxChars && ROOM_ID.test(room);
}

/** The rule {@link isRoomId} checks, in the words an error message gives a client. */
export function roomIdRule(maxChars: number): string {
  return `room id must be 1-${maxChars} characters of A-Z a-z 0-9 _ . : -`;
}
