import { connect } from '@nats-io/transport-node';
import { freePort, NatsServer } from './nats.js';

/** One server of a NatsCluster: its nats-server plus the names and ports the cluster gave it. */
export interface ClusterMember {
  /** The server_name JetStream reports as a stream or meta leader. */
  readonly name: string;
  readonly server: NatsServer;
  /** Client URL of this server alone, e.g. nats://127.0.0.1:4222. */
  readonly url: string;
  /** HTTP monitoring port (/jsz, /varz). */
  readonly monitorPort: number;
}

/** The parts of nats-server's /jsz answer (monitoring endpoint, nats-server 2.9) the harness reads. */
export interface Jsz {
  readonly meta_cluster?: { readonly leader?: string; readonly cluster_size?: number };
  readonly account_details?: readonly {
    readonly stream_detail?: readonly {
      readonly name: string;
      readonly cluster?: {
        readonly leader?: string;
        readonly replicas?: readonly { readonly name: string; readonly current: boolean; readonly offline?: boolean }[];
      };
    }[];
  }[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A private NATS cluster for one test file: `size` nats-server processes with JetStream, full-mesh
 * routes on free loopback ports, each with its own store dir and monitoring port, one cluster name.
 * Members can be SIGKILLed, stopped (SIGSTOP, sockets stay open), continued and relaunched on the
 * same ports and store. Call stop() in teardown; a test file that dies early still reaps its
 * servers (NatsServer kills its child on process exit).
 */
export class NatsCluster {
  private constructor(readonly members: readonly ClusterMember[]) {}

  /** Starts every member and resolves once JetStream has a meta leader that every running member sees. */
  static async start(size = 3, timeoutMs = 20_000): Promise<NatsCluster> {
    const clusterName = `danmaku-test-${process.pid}`;
    const ports: { client: number; route: number; monitor: number }[] = [];
    for (let i = 0; i < size; i += 1) {
      ports.push({ client: await freePort(), route: await freePort(), monitor: await freePort() });
    }
    const routes = ports.map((p) => `nats://127.0.0.1:${p.route}`).join(',');
    const members = ports.map((p, i): ClusterMember => {
      const name = `n${i + 1}`;
      const server = NatsServer.on(p.client, [
        '-n',
        name,
        '-m',
        String(p.monitor),
        '--cluster_name',
        clusterName,
        '--cluster',
        `nats://127.0.0.1:${p.route}`,
        '--routes',
        routes,
      ]);
      return { name, server, url: server.url, monitorPort: p.monitor };
    });
    const cluster = new NatsCluster(members);
    try {
      await Promise.all(members.map((m) => m.server.launch()));
      await cluster.waitForMetaLeader(timeoutMs);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  /** Every member's client URL, comma-separated: the NATS_URL a node gets to survive any one server's loss. */
  get urls(): string {
    return this.members.map((m) => m.url).join(',');
  }

  member(name: string): ClusterMember {
    const found = this.members.find((m) => m.name === name);
    if (found === undefined) throw new Error(`no cluster member named ${name}`);
    return found;
  }

  /** /jsz of one member, with stream details when asked; rejects while it is down or stopped. */
  async jsz(member: ClusterMember, streams = false): Promise<Jsz> {
    const query = streams ? '?accounts=true&streams=true' : '';
    const res = await fetch(`http://127.0.0.1:${member.monitorPort}/jsz${query}`, {
      signal: AbortSignal.timeout(1000),
    });
    return (await res.json()) as Jsz;
  }

  private running(): ClusterMember[] {
    return this.members.filter((m) => m.server.running);
  }

  /** Polls (bounded) until `probe` returns a value; the cluster announces elections to no one. */
  private async poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe().catch(() => undefined);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`NATS cluster: timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(100);
    }
  }

  /**
   * Resolves with the meta leader's name once every running member reports the same one. The
   * default is long because an election after two members were stopped (SIGSTOP) and went on once
   * took over 20 s on this shared 2-core machine while the rest of the suite ran beside it.
   */
  waitForMetaLeader(timeoutMs = 45_000): Promise<string> {
    return this.poll('a JetStream meta leader', timeoutMs, async () => {
      const leaders = await Promise.all(this.running().map(async (m) => (await this.jsz(m)).meta_cluster?.leader));
      const first = leaders[0];
      return first !== undefined && first !== '' && leaders.every((l) => l === first) ? first : undefined;
    });
  }

  /**
   * The member leading `stream` (JetStream stream name), once it has one whose every replica on a
   * running member is current, so a test kills a leader that has followers ready to take over.
   * Read from the leader's own /jsz: only the leader reports the stream's replica state.
   */
  streamLeader(stream: string, timeoutMs = 20_000): Promise<ClusterMember> {
    return this.poll(`a leader of stream ${stream}`, timeoutMs, async () => {
      for (const member of this.running()) {
        const jsz = await this.jsz(member, true).catch(() => undefined);
        const detail = jsz?.account_details
          ?.flatMap((a) => a.stream_detail ?? [])
          .find((s) => s.name === stream && s.cluster?.leader === member.name);
        if (detail === undefined) continue;
        const up = new Set(this.running().map((m) => m.name));
        const replicas = detail.cluster?.replicas ?? [];
        if (replicas.every((r) => !up.has(r.name) || r.current)) return member;
      }
      return undefined;
    });
  }

  /** The member a NATS client with this connection name (a node's NODE_ID) is connected to, from /connz. */
  clientServer(clientName: string, timeoutMs = 10_000): Promise<ClusterMember> {
    return this.poll(`a client named ${clientName}`, timeoutMs, async () => {
      for (const member of this.running()) {
        const res = await fetch(`http://127.0.0.1:${member.monitorPort}/connz`, { signal: AbortSignal.timeout(1000) });
        const connz = (await res.json()) as { connections?: readonly { name?: string }[] };
        if (connz.connections?.some((c) => c.name === clientName)) return member;
      }
      return undefined;
    });
  }

  /**
   * Asks the stream's leader to step down ($JS.API.STREAM.LEADER.STEPDOWN, JetStream API) until a
   * member not in `avoid` leads it; resolves with that leader. The election picks at random, so this
   * retries (bounded).
   */
  async moveStreamLeader(stream: string, avoid: readonly ClusterMember[], timeoutMs = 30_000): Promise<ClusterMember> {
    const nc = await connect({ servers: this.running().map((m) => m.url) });
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const leader = await this.streamLeader(stream, Math.max(0, deadline - Date.now()));
        if (!avoid.some((m) => m.name === leader.name)) return leader;
        if (Date.now() > deadline) throw new Error(`NATS cluster: could not move the leader of ${stream}`);
        await nc.request(`$JS.API.STREAM.LEADER.STEPDOWN.${stream}`, '', { timeout: 5000 }).catch(() => undefined);
        // Wait for a leader other than the one that stepped down before checking again.
        await this.poll(`a new leader of ${stream}`, 10_000, async () => {
          const next = await this.streamLeader(stream, 1000);
          return next.name === leader.name ? undefined : next;
        }).catch(() => undefined);
      }
    } finally {
      await nc.close();
    }
  }

  /**
   * Moves every JetStream leadership off `member`: the meta leader ($JS.API.META.LEADER.STEPDOWN)
   * and the leader of each of `streams` (see moveStreamLeader). A test that stalls or kills
   * `member` then hits only the clients connected to it, not an election.
   */
  async moveLeadersOff(member: ClusterMember, streams: readonly string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const nc = await connect({ servers: this.running().map((m) => m.url) });
    try {
      while ((await this.waitForMetaLeader(Math.max(0, deadline - Date.now()))) === member.name) {
        if (Date.now() > deadline) throw new Error(`NATS cluster: could not move the meta leader off ${member.name}`);
        await nc.request('$JS.API.META.LEADER.STEPDOWN', '', { timeout: 5000 }).catch(() => undefined);
        await sleep(500);
      }
    } finally {
      await nc.close();
    }
    for (const stream of streams) await this.moveStreamLeader(stream, [member], Math.max(0, deadline - Date.now()));
  }

  /** SIGKILL one member: no clean shutdown, its routes and client sockets drop at once. */
  kill(member: ClusterMember): Promise<void> {
    return member.server.kill();
  }

  /** SIGSTOP: the member freezes with its TCP sockets open, as a stalled server. */
  pause(member: ClusterMember): Promise<void> {
    return member.server.signal('SIGSTOP');
  }

  /** SIGCONT after pause. */
  resume(member: ClusterMember): Promise<void> {
    return member.server.signal('SIGCONT');
  }

  /** Launches a killed member again on its ports and store dir; resolves once it is back in the meta group. */
  async restart(member: ClusterMember, timeoutMs = 20_000): Promise<void> {
    await member.server.launch();
    await this.waitForMetaLeader(timeoutMs);
  }

  /** Kills every member and removes their store dirs. */
  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.server.stop()));
  }
}
