/**
 * The admin API as the console calls it (openapi/admin.json, src/admin/routes): bearer token,
 * JSON in and out. Only the fields the console reads are typed here.
 */

export interface RoomSettings {
  readonly muted: boolean;
  readonly slowModeSeconds: number;
  readonly maxCommentChars: number | null;
}

export interface RoomSummary {
  readonly room: string;
  readonly viewers: number;
  readonly danmakuPerSecond: number;
  readonly settings: RoomSettings;
}

export interface FilterRule {
  readonly id: string;
  readonly kind: 'word' | 'regex';
  readonly pattern: string;
  readonly action: 'refuse' | 'mask';
}

export interface AuditEntry {
  readonly id: string;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly path: string;
  readonly status: number;
  readonly result: string;
}

/** A refused call: the HTTP status and the API's `{error, detail}` answer. */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

export class AdminApi {
  constructor(
    private readonly token: string,
    private readonly base = '/admin/v1',
  ) {}

  /** Calls one route; resolves with its JSON answer, rejects with {@link AdminApiError} on 4xx/5xx. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: string; detail?: string };
    if (!response.ok) throw new AdminApiError(response.status, answer.error ?? 'error', answer.detail ?? '');
    return answer as T;
  }

  rooms(): Promise<{ rooms: RoomSummary[] }> {
    return this.call('GET', '/rooms');
  }

  room(room: string): Promise<RoomSummary> {
    return this.call('GET', `/rooms/${encodeURIComponent(room)}`);
  }

  updateSettings(room: string, settings: Partial<RoomSettings>): Promise<{ settings: RoomSettings }> {
    return this.call('PATCH', `/rooms/${encodeURIComponent(room)}/settings`, settings);
  }

  recall(room: string, ids: string[]): Promise<unknown> {
    return this.call('POST', `/rooms/${encodeURIComponent(room)}/recall`, { ids });
  }

  notice(room: string, text: string): Promise<unknown> {
    return this.call('POST', `/rooms/${encodeURIComponent(room)}/notices`, { text });
  }

  /** durationSeconds null: until lifted. */
  mute(room: string, userId: string, durationSeconds: number | null, reason: string): Promise<unknown> {
    return this.call('POST', `/rooms/${encodeURIComponent(room)}/mutes`, { userId, durationSeconds, reason });
  }

  /** room null: every room; durationSeconds null: permanent. */
  ban(userId: string, room: string | null, durationSeconds: number | null, reason: string): Promise<unknown> {
    return this.call('POST', '/bans', { userId, room, durationSeconds, reason });
  }

  filters(): Promise<{ filters: FilterRule[] }> {
    return this.call('GET', '/filters');
  }

  addFilter(pattern: string, kind: FilterRule['kind'], action: FilterRule['action']): Promise<unknown> {
    return this.call('POST', '/filters', { pattern, kind, action });
  }

  deleteFilter(id: string): Promise<unknown> {
    return this.call('DELETE', `/filters/${encodeURIComponent(id)}`);
  }

  /** One page of the audit log, newest first; `nextCursor` asks for the older page after it. */
  audit(limit: number, cursor?: string): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor === undefined ? {} : { cursor }) });
    return this.call('GET', `/audit?${query.toString()}`);
  }
}
