import net from 'node:net';

interface Pair {
  readonly client: net.Socket;
  upstream: net.Socket | undefined;
  frozen: boolean;
}

/**
 * A loopback TCP proxy in front of a node, to make the network misbehave with real sockets:
 * freeze() silences the connections open now (a dead path: nothing flows, nothing closes),
 * dropAll() cuts them, refuseUpgrades answers WebSocket upgrades with 503 and passes plain HTTP.
 */
export class TcpProxy {
  refuseUpgrades = false;
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    /** Port new connections are forwarded to; change it to point at a restarted node. */
    public targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port, targetPort);
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, upstream: undefined, frozen: false };
    this.pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    client.once('data', (first) => {
      if (this.refuseUpgrades && /^upgrade:\s*websocket/im.test(first.toString('latin1'))) {
        client.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        return;
      }
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      pair.upstream = upstream;
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      upstream.on('data', (data) => {
        if (!pair.frozen) client.write(data);
      });
      client.on('data', (data) => {
        if (!pair.frozen) upstream.write(data);
      });
      upstream.write(first);
    });
  }

  freeze(): void {
    for (const pair of this.pairs) pair.frozen = true;
  }

  dropAll(): void {
    for (const pair of this.pairs) pair.client.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
