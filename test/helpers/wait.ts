/** How long to wait and what for, so a timeout says what never happened. */
export interface WaitOptions {
  /** Deadline in ms from the call; default 5000. */
  readonly timeoutMs?: number;
  /** Pause between checks in ms; default 20. */
  readonly everyMs?: number;
}

/**
 * Resolves once `check` (sync or async) returns true; rejects with "timed out after N ms waiting
 * for <what>" at the deadline, so a failure shows at once with its cause rather than as the test
 * runner's timeout. For conditions nothing announces (a gauge, a count on a server, a page's data);
 * where an event can be awaited, await it instead.
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: WaitOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 20));
  }
}
