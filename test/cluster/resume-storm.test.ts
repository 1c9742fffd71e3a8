import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { NatsServer } from '../helpers/nats.js';
import { token } from '../helpers/node.js';
import { parseSamples, scrape, total } from '../helpers/scrape.js';

const VIEWERS = 2000;
const room = 'storm';

const nats = await NatsServer.start();
t.teardown(() => nats.stop());
const env = {
  NATS_URL: nats.url,
  NATS_PREFIX: 'storm',
  COMMENT_RATE_PER_SEC: '5000',
  COMMENT_BURST: '5000',
  ROOM_RATE_PER_SEC: '100000',
  // Every socket of this test comes from 127.0.0.1.
  MAX_CONNECTIONS_PER_IP: '10000',
  UPGRADE_RATE_PER_IP: '100000',
  UPGRADE_RATE: '100000',
};
const [a, b] = (await Promise.all(['A', 'B'].map((id) => GatewayProcess.start(id, env)))) as [
  GatewayProcess,
  GatewayProcess,
];
const clients: TestClient[] = [];
t.teardown(async () => {
  for (const client of clients) client.ws.terminate();
  await Promise.all([a, b].map((node) => node.kill('SIGTERM')));
});

async function connectMany(node: GatewayProcess, n: number): Promise<TestClient[]> {
  const out: TestClient[] = [];
  // In slices: one process opening 2,000 sockets at once only measures its own accept backlog.
  for (let i = 0; i < n; i += 200) {
    const slice = await Promise.all(Array.from({ length: Math.min(200, n - i) }, () => TestClient.connect(node.wsUrl)));
    out.push(...slice);
  }
  clients.push(...out);
  return out;
}

async function post(poster: TestClient, count: number, prefix: string): Promise<number> {
  let last = 0;
  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`;
    poster.send({ comment: { room, clientMsgId: id, text: id, mode: 0 } });
    const ack = await poster.nextKind('ack', (x) => x.clientMsgId === id, 10_000);
    if (!ack.ok) throw new Error(`${id} refused with ${ack.code}`);
    last = Number(ack.seq);
  }
  return last;
}

const historyReads = async (node: GatewayProcess) =>
  total(parseSamples(await scrape(node.url)), 'danmaku_bus_history_reads_total');

t.test(
  `${VIEWERS.toLocaleString('en')} viewers resuming on node B after node A dies are served from B's recent batches: (almost) no stream reads`,
  async (t) => {
    // B has viewers of its own in the room, as every node of a busy room does.
    const local = await TestClient.connect(b.wsUrl);
    clients.push(local);
    await local.join(room);
    const poster = await TestClient.connect(b.wsUrl, { token: token({ sub: 'poster' }) });
    clients.push(poster);

    const viewers = await connectMany(a, VIEWERS);
    const joined = await Promise.all(viewers.map((viewer) => viewer.join(room)));
    const epoch = joined[0]?.epoch ?? '';
    const seen = await post(poster, 5, 'before-');
    await Promise.all(viewers.map((viewer) => viewer.nextKind('batch', (x) => Number(x.seq) >= seen, 20_000)));
    const cursors = viewers.map((viewer) => Math.max(...viewer.batchSeqs(room)));
    t.ok(
      cursors.every((c) => c === seen),
      'every viewer on A holds the last batch',
    );

    await a.kill('SIGKILL');
    await Promise.all(viewers.map((viewer) => viewer.closed));
    const missedHead = await post(poster, 3, 'missed-');

    const readsBefore = await historyReads(b);
    const started = Date.now();
    const resumed = await connectMany(b, VIEWERS);
    const answers = await Promise.all(
      resumed.map((viewer, i) => {
        viewer.send({ join: { room, lastSeq: cursors[i] as number, epoch } });
        return viewer.nextKind('joined', (x) => x.room === room, 30_000);
      }),
    );
    const storm = Date.now() - started;
    const reads = (await historyReads(b)) - readsBefore;
    t.comment(`${VIEWERS} viewers reconnected and resumed on B in ${storm} ms; stream reads: ${reads}`);

    const allResumed = answers.every((x) => x.resumed === true && x.gap === false);
    // What a failure looked like, for the next person to read the log: each distinct answer.
    if (!allResumed)
      t.comment(
        `cursor ${epoch}/${seen}, head ${missedHead}; answers (resumed/gap/epoch/last seq): ${[
          ...new Set(answers.map((x) => `${String(x.resumed)}/${String(x.gap)}/${x.epoch}/${String(x.lastSeq)}`)),
        ].join(' ')}`,
      );
    t.ok(allResumed, 'every viewer resumed, none got a gap');
    t.ok(
      resumed.every((viewer) => {
        const texts = viewer.danmaku(room).map((d) => d.text);
        return texts.join(',') === 'missed-0,missed-1,missed-2' && Math.max(...viewer.batchSeqs(room)) === missedHead;
      }),
      'every viewer got exactly the three batches it missed',
    );
    t.ok(reads <= 3, `stream reads for ${VIEWERS} resumes: ${reads} (at most a small constant)`);
  },
);
