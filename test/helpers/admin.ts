import { token } from './node.js';

export interface AdminAnswer {
  readonly status: number;
  readonly headers: Headers;
  // Tests read arbitrary fields of the JSON answer.
  readonly body: any;
}

export const ADMIN_SUB = 'mod-1';

export function adminToken(sub = ADMIN_SUB): string {
  return token({ sub, role: 'admin' });
}

/** One request to the admin API over real HTTP; `body` is sent as JSON, `raw` as given. */
export async function admin(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<AdminAnswer> {
  const bearer = options.token === undefined ? adminToken() : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}/admin/v1${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}
