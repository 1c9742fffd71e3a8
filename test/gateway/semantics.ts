import type { Test } from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';

/** One or several nodes serving the same rooms; viewers spread over `wsUrls`. */
export interface Deployment {
  readonly wsUrls: readonly string[];
  close(): Promise<void>;
}

/** Starts a deployment with these extra environment variables for every node. */
export type Deploy = (env: Record<string, string>) => Promise<Deployment>;

const posterEnv = { COMMENT_RATE_PER_SEC: '100000', COMMENT_BURST: '100000', ROOM_RATE_PER_SEC: '100000' };

function url(d: Deployment, i: number): string {
  return d.wsUrls[i % d.wsUrls.length] as string;
}

async function postAll(poster: TestClient, room: string, prefix: string, count: number): Promise<number[]> {
  for (let i = 0; i < count; i++)
    poster.send({ comment: { room, clientMsgId: `${prefix}-${i}`, text: `${prefix} ${i}` } });
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    const ack = await poster.nextKind('ack', (a) => a.clientMsgId === `${prefix}-${i}`, 15_000);
    if (!ack.ok) throw new Error(`comment ${prefix}-${i} refused with ${ack.code}`);
    seqs.push(Number(ack.seq));
  }
  return seqs;
}

async function waitForCount(client: TestClient, room: string, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (client.danmaku(room).length < count) {
    if (Date.now() > deadline) throw new Error(`only ${client.danmaku(room).length} of ${count} danmaku arrived`);
    await client.next((f) => f.kind === 'batch', Math.max(1, deadline - Date.now()), 'batch').catch(() => undefined);
  }
}

/** The single-room semantics every bus must give; run against the memory bus and the NATS bus. */
export function roomSemantics(t: Test, deploy: Deploy): void {
  t.test('one socket joins several rooms and receives each room only', async (t) => {
    const d = await deploy(posterEnv);
    t.teardown(() => d.close());
    const viewer = await TestClient.connect(url(d, 0));
    await viewer.join('multi-a');
    await viewer.join('multi-b');
    const poster = await TestClient.connect(url(d, 1), { token: token({ sub: 'p' }) });
    await postAll(poster, 'multi-a', 'a', 3);
    await postAll(poster, 'multi-b', 'b', 2);
    await postAll(poster, 'multi-c', 'c', 2);
    await waitForCount(viewer, 'multi-a', 3);
    await waitForCount(viewer, 'multi-b', 2);
    viewer.send({ leave: { room: 'multi-a' } });
    t.equal((await viewer.nextKind('left')).room, 'multi-a');
    await postAll(poster, 'multi-a', 'a2', 1);
    await postAll(poster, 'multi-b', 'b2', 1);
    await waitForCount(viewer, 'multi-b', 3);
    t.same(
      viewer.danmaku('multi-a').map((d) => d.text),
      ['a 0', 'a 1', 'a 2'],
      'nothing after leave',
    );
    t.equal(viewer.danmaku('multi-c').length, 0, 'never joined room c');
    viewer.send({ leave: { room: 'never-joined' } });
    t.equal((await viewer.nextKind('error')).code, ErrorCode.NOT_JOINED);
    await Promise.all([viewer.close(), poster.close()]);
  });

  t.test('1,000 comments from 5 posters arrive in the same order at 3 viewers', async (t) => {
    const d = await deploy(posterEnv);
    t.teardown(() => d.close());
    const viewers = await Promise.all([0, 1, 2].map((i) => TestClient.connect(url(d, i))));
    for (const v of viewers) await v.join('order');
    const posters = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => TestClient.connect(url(d, i), { token: token({ sub: `poster-${i}` }) })),
    );
    await Promise.all(posters.map((p, i) => postAll(p, 'order', `p${i}`, 200)));
    for (const v of viewers) await waitForCount(v, 'order', 1000);
    const reference = viewers[0]?.danmaku('order') ?? [];
    t.equal(reference.length, 1000);
    t.equal(new Set(reference.map((x) => x.id)).size, 1000, 'no duplicates');
    for (const v of viewers.slice(1)) t.same(v.danmaku('order'), reference, 'identical order and seqs');
    const seqs = viewers[0]?.batchSeqs('order') ?? [];
    t.ok(
      seqs.every((s, i) => i === 0 || s > (seqs[i - 1] as number)),
      'batch seqs strictly increase',
    );
    for (let i = 0; i < 5; i++) {
      const own = reference.filter((x) => x.userId === `poster-${i}`).map((x) => x.text);
      t.same(
        own,
        Array.from({ length: 200 }, (_, k) => `p${i} ${k}`),
        `poster ${i} in its sending order`,
      );
    }
    await Promise.all([...viewers, ...posters].map((c) => c.close()));
  });

  t.test('resume after reconnect with last_seq: no gap, no duplicate', async (t) => {
    const d = await deploy(posterEnv);
    t.teardown(() => d.close());
    const poster = await TestClient.connect(url(d, 0), { token: token({ sub: 'p' }) });
    const first = await TestClient.connect(url(d, 1));
    const joined = await first.join('resume');
    t.equal(joined.resumed, false);
    await postAll(poster, 'resume', 'before', 5);
    await waitForCount(first, 'resume', 5);
    const seen = first.danmaku('resume');
    const lastSeq = Math.max(...first.batchSeqs('resume'));
    const epoch = first.frames.find((f) => f.kind === 'batch')?.batch?.epoch ?? '';
    await first.close();
    await postAll(poster, 'resume', 'missed', 7);
    const again = await TestClient.connect(url(d, 2));
    const rejoined = await again.join('resume', lastSeq, epoch);
    t.equal(rejoined.resumed, true);
    t.equal(rejoined.gap, false);
    t.same(
      again.danmaku('resume').map((x) => x.text),
      Array.from({ length: 7 }, (_, i) => `missed ${i}`),
      'exactly the missed ones, before joined',
    );
    await postAll(poster, 'resume', 'after', 2);
    await waitForCount(again, 'resume', 9);
    const all = [...seen, ...again.danmaku('resume')].map((x) => x.id);
    t.equal(new Set(all).size, 14, 'no duplicates across the reconnect');
    t.equal(rejoined.epoch, epoch);
    await Promise.all([again.close(), poster.close()]);
  });

  t.test(
    'a viewer that joined an empty room resumes from (epoch, 0) after its first comments, also once the empty room was swept',
    async (t) => {
      // Sweeps every 100 ms on the memory bus (ignored by NATS): the empty room is forgotten while nobody watches it.
      const d = await deploy({ ...posterEnv, HISTORY_SWEEP_INTERVAL_MS: '100' });
      t.teardown(() => d.close());
      const first = await TestClient.connect(url(d, 0));
      const joined = await first.join('zero');
      t.equal(Number(joined.lastSeq ?? 0), 0, 'the room is empty');
      await first.close();
      await new Promise((resolve) => setTimeout(resolve, 400));
      const poster = await TestClient.connect(url(d, 1), { token: token({ sub: 'p' }) });
      await postAll(poster, 'zero', 'first', 3);
      const again = await TestClient.connect(url(d, 2));
      const rejoined = await again.join('zero', 0, joined.epoch ?? '');
      t.equal(rejoined.gap, false, 'not a gap: history holds everything since the room was empty');
      t.equal(rejoined.resumed, true);
      t.equal(rejoined.epoch, joined.epoch, 'the epoch did not change');
      t.same(
        again.danmaku('zero').map((x) => x.text),
        ['first 0', 'first 1', 'first 2'],
        'every comment since, before joined',
      );
      await Promise.all([again.close(), poster.close()]);
    },
  );

  t.test('a gap is reported when history no longer reaches back, or the cursor is not of this stream', async (t) => {
    const d = await deploy({ ...posterEnv, HISTORY_MAX_BATCHES: '3', BATCH_MAX_ITEMS: '1' });
    t.teardown(() => d.close());
    const poster = await TestClient.connect(url(d, 0), { token: token({ sub: 'p' }) });
    const seqs = await postAll(poster, 'gappy', 'g', 6);
    const epoch = (await (await TestClient.connect(url(d, 1))).join('gappy')).epoch ?? '';
    const viewer = await TestClient.connect(url(d, 1));
    const evicted = await viewer.join('gappy', seqs[0], epoch);
    t.equal(evicted.gap, true, 'history too short');
    t.equal(evicted.resumed, false);
    t.equal(viewer.danmaku('gappy').length, 0, 'no partial replay');
    t.equal(Number(evicted.lastSeq), seqs[5], 'joined says where live continues');
    const inWindow = await viewer.join('gappy', seqs[3], epoch);
    t.equal(inWindow.resumed, true, 'still within history');
    t.same(
      viewer.danmaku('gappy').map((x) => x.text),
      ['g 4', 'g 5'],
    );
    t.equal(
      (await viewer.join('gappy', (seqs[5] as number) + 1000, epoch)).gap,
      true,
      'last_seq beyond the latest batch',
    );
    t.equal((await viewer.join('gappy', seqs[5] as number, 'another-epoch')).gap, true, 'a different epoch');
    await Promise.all([viewer.close(), poster.close()]);
  });
}
