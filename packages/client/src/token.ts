/**
 * Supplies the token for a connection attempt: called before every attempt (first connect and each
 * reconnect) and before the current token expires (for a `refresh` on the live connection), so an
 * app hands out a fresh token from its login service instead of a stale one. It
 * may answer synchronously or with a promise; `undefined` means "watch without a token". A throw or
 * a rejection fails that attempt, which is retried with the usual backoff.
 */
export type TokenProvider = () => string | undefined | PromiseLike<string | undefined>;

/** What an attempt gets from a {@link TokenSource}: the token at once, or a promise of it. */
export type TokenAnswer =
  | { readonly ready: true; readonly token: string | undefined }
  | { readonly ready: false; readonly pending: PromiseLike<string | undefined> };

function isThenable(value: unknown): value is PromiseLike<string | undefined> {
  return typeof value === 'object' && value !== null && 'then' in value && typeof value.then === 'function';
}

/**
 * The token of each connection attempt: the app's `getToken()` when given, else the fixed `token`
 * option. A synchronous answer is used in the same turn, so a fixed token adds no delay.
 */
export class TokenSource {
  private last: string | undefined;

  constructor(
    private readonly fixed: string | undefined,
    private readonly provider: TokenProvider | undefined,
  ) {
    this.last = fixed;
  }

  /** Whether there is a getToken() to ask for a new token (a fixed token cannot be refreshed). */
  get refreshable(): boolean {
    return this.provider !== undefined;
  }

  /** The token the current connection uses (the last one obtained). */
  get current(): string | undefined {
    return this.last;
  }

  /** Asks for the next attempt's token; throws what a synchronous `getToken()` throws. */
  next(): TokenAnswer {
    if (this.provider === undefined) return { ready: true, token: this.fixed };
    const answer = this.provider();
    if (!isThenable(answer)) {
      this.last = answer;
      return { ready: true, token: answer };
    }
    return {
      ready: false,
      pending: answer.then((token) => {
        this.last = token;
        return token;
      }),
    };
  }
}
