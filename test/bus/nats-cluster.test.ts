import t from 'tap';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { NatsCluster } from '../helpers/nats-cluster.js';

const cluster = await NatsCluster.start();
t.teardown(() => cluster.stop());

t.test(
  'a three-server cluster elects a stream leader, survives its SIGKILL, and takes it back after a restart',
  async (t) => {
    const nc = await connect({ servers: cluster.urls.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    t.teardown(() => nc.close());
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'harness', subjects: ['harness.>'], num_replicas: 3 });
    const js = jetstream(nc);
    t.equal((await js.publish('harness.a', 'one')).seq, 1);

    const leader = await cluster.streamLeader('harness');
    t.ok(cluster.members.includes(leader), 'the leader is one of the members');
    await cluster.kill(leader);
    const next = await cluster.streamLeader('harness');
    t.not(next.name, leader.name, 'another member leads the stream once the leader is killed');
    t.equal(
      (await js.publish('harness.a', 'two', { timeout: 5000 })).seq,
      2,
      'the stream takes writes on its new leader',
    );

    await cluster.restart(leader);
    const settled = await cluster.streamLeader('harness');
    const replicas = (await cluster.jsz(settled, true)).account_details
      ?.flatMap((a) => a.stream_detail ?? [])
      .find((s) => s.name === 'harness')?.cluster?.replicas;
    t.ok(
      replicas?.some((r) => r.name === leader.name && r.current),
      'the restarted member is a current replica again',
    );
    t.equal((await jsm.streams.info('harness')).state.messages, 2, 'both messages are held');
  },
);

t.test('a paused member stalls with its sockets open and serves again once continued', async (t) => {
  const member = cluster.members[0]!;
  await cluster.pause(member);
  await t.rejects(cluster.jsz(member), 'its monitoring endpoint does not answer while paused');
  await cluster.resume(member);
  t.ok((await cluster.jsz(member)).meta_cluster, 'it answers again after SIGCONT');
});
