import type { Test } from 'tap';
import { StoreClosedError, StoreUnavailableError, type StateStore } from '../../src/store/store.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { waitFor } from '../helpers/wait.js';

type Change = readonly [string, string | undefined];

/** Records a watch's changes and lets a test wait, with a deadline, for one that matches. */
export class Changes {
  readonly seen: Change[] = [];
  private waiters: { match: (c: Change) => boolean; resolve: () => void }[] = [];

  readonly listen = (key: string, value: string | undefined): void => {
    this.seen.push([key, value]);
    this.waiters = this.waiters.filter((w) => (w.match([key, value]) ? (w.resolve(), false) : true));
  };

  next(match: (c: Change) => boolean, timeoutMs = 5000): Promise<void> {
    if (this.seen.some(match)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching change within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

export interface StoreHarness {
  /** A fresh, empty store reporting to `telemetry`; the suite closes it. */
  open(t: Test, telemetry: RecordedTelemetry): Promise<StateStore>;
  /** Makes the medium fail (NATS stopped, data directory gone) until the returned function restores it. */
  break(t: Test): Promise<() => Promise<void>>;
}

/** What every StateStore must do about closing, a failing medium and a throwing listener. */
export function storeContract(t: Test, harness: StoreHarness): void {
  t.test('a closed store refuses put, delete and watch with StoreClosedError, counted', async (t) => {
    const telemetry = new RecordedTelemetry();
    const store = await harness.open(t, telemetry);
    await store.put('kept', '1');
    await store.close();
    await t.rejects(store.put('late', '1'), StoreClosedError);
    await t.rejects(store.delete('kept'), StoreClosedError);
    await t.rejects(
      store.watch(() => undefined),
      StoreClosedError,
    );
    t.equal(telemetry.counted('put/closed'), 1);
    t.equal(telemetry.counted('delete/closed'), 1);
    t.equal(telemetry.counted('watch/closed'), 1);
  });

  t.test(
    'a failing medium rejects with StoreUnavailableError and a cause; nothing half-applied; recovery',
    async (t) => {
      const telemetry = new RecordedTelemetry();
      const store = await harness.open(t, telemetry);
      const changes = new Changes();
      await store.watch(changes.listen);
      await store.put('before', 'ok');
      await changes.next(([k]) => k === 'before');
      const restore = await harness.break(t);
      const failed = await store.put('during', 'lost?').then(
        () => undefined,
        (err: unknown) => err,
      );
      t.type(failed, StoreUnavailableError, 'rejected with the typed error');
      t.ok((failed as Error).cause !== undefined, 'carrying the cause');
      t.equal(telemetry.counted('put/unavailable'), 1, 'counted');
      await restore();
      await store.put('after', 'ok');
      await changes.next(([k]) => k === 'after');
      t.same(
        changes.seen.filter(([k]) => k === 'during'),
        [],
        'the refused change was never delivered as applied',
      );
    },
  );

  t.test('a listener that throws is logged and counted; the write succeeds and other listeners get it', async (t) => {
    const telemetry = new RecordedTelemetry();
    const store = await harness.open(t, telemetry);
    await store.watch(() => {
      throw new Error('listener bug');
    });
    const changes = new Changes();
    await store.watch(changes.listen);
    await store.put('k', 'v');
    await changes.next(([k, v]) => k === 'k' && v === 'v');
    await store.put('k2', 'v');
    await changes.next(([k]) => k === 'k2');
    // Each watch is its own subscription (on NATS KV, its own consumer): the throwing one may hear k2 after the other.
    await waitFor('both changes to be counted', () => telemetry.counted('listener/error') >= 2);
    t.ok(telemetry.counted('listener/error') >= 2, 'counted per change');
    t.match(telemetry.logged('listener threw')[0], { key: 'k', err: { message: 'listener bug' } });
  });
}
