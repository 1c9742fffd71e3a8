/**
 * Names of every NATS object of one deployment, derived from NATS_PREFIX so that several
 * deployments can share one NATS. Kept apart from the client code so the names can be tested
 * and documented without a connection.
 */
export interface NatsNames {
  /** The JetStream stream that stores every room's batches. */
  readonly stream: string;
  /** Wildcard over every room subject (the stream's subject). */
  readonly roomWildcard: string;
  /** Core NATS subject for control signals between nodes. */
  readonly signal: string;
  /** Core NATS subject of every sequencer's announcements of stored batches (src/bus/announcement.ts). */
  readonly live: string;
  /** The KV bucket of shared moderation state. */
  readonly stateBucket: string;
  roomSubject(room: string): string;
}

// Kept to the characters every NATS name accepts (subject tokens, stream names, KV keys).
const PLAIN = /[A-Za-z0-9_-]/;

/**
 * Maps any string to one subject token / KV key, reversibly: characters outside [A-Za-z0-9_-]
 * become `=` and the hex of their UTF-8 bytes. Room ids may hold `.` (the subject separator) and
 * `:` (not allowed in KV keys); without escaping, "a.b" would be two tokens and ".a" an invalid subject.
 */
export function escapeToken(value: string): string {
  let out = '';
  for (const char of value) {
    if (PLAIN.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function unescapeToken(token: string): string {
  if (!token.includes('=')) return token;
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code === 0x3d) {
      bytes.push(parseInt(token.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(code);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function natsNames(prefix: string): NatsNames {
  // The prefix is validated as [A-Za-z0-9_-]{1,32} by config; its case is kept so that two
  // prefixes differing only in case do not collide on one stream name.
  return {
    stream: `${prefix}_ROOMS`,
    roomWildcard: `${prefix}.room.>`,
    signal: `${prefix}.signal`,
    live: `${prefix}.live`,
    stateBucket: `${prefix}_state`,
    roomSubject: (room) => `${prefix}.room.${escapeToken(room)}`,
  };
}
