import WebSocket from 'ws';
import type { WxApi, WxSocketTask } from 'danmaku-client/wx';

type Callback<T> = (result: T) => void;

/**
 * A stand-in for the mini-program `wx` object with WeChat's callback and argument shapes, whose
 * SocketTask wraps a real WebSocket and whose request is a real HTTP request. Storage is the Map
 * given (keep it to simulate an app restart); network and show/hide events are fired by the test.
 */
export class FakeWx implements WxApi {
  private readonly networkListeners = new Set<Callback<{ isConnected: boolean; networkType: string }>>();
  private readonly showListeners = new Set<Callback<unknown>>();
  private readonly hideListeners = new Set<() => void>();
  readonly sockets: WebSocket[] = [];

  /**
   * `toArrayBuffer` makes the ArrayBuffers handed to the app (WeChat's runtime hands out its own;
   * a test running the app in a vm realm passes that realm's allocator).
   */
  constructor(
    readonly storage: Map<string, unknown> = new Map(),
    private readonly toArrayBuffer: (bytes: Uint8Array) => ArrayBuffer = (bytes) =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  ) {}

  /** URLs the app connected to, in order. */
  readonly connected: string[] = [];

  connectSocket(options: { url: string; header?: Record<string, string> }): WxSocketTask {
    this.connected.push(options.url);
    const ws = new WebSocket(options.url, { headers: options.header });
    ws.binaryType = 'arraybuffer';
    this.sockets.push(ws);
    ws.on('error', () => undefined);
    return {
      onOpen: (callback) => ws.on('open', () => callback({ header: {}, profile: {} })),
      onMessage: (callback) =>
        ws.on('message', (data: ArrayBuffer, isBinary) =>
          callback({ data: isBinary ? this.toArrayBuffer(new Uint8Array(data)) : Buffer.from(data).toString() }),
        ),
      onClose: (callback) => ws.on('close', (code, reason) => callback({ code, reason: reason.toString() })),
      onError: (callback) => {
        ws.on('unexpected-response', (_req, res) => {
          callback({ errMsg: `connectSocket:fail Invalid HTTP status ${res.statusCode}` });
          ws.terminate();
        });
        ws.on('error', (err) => callback({ errMsg: `connectSocket:fail ${err.message}` }));
      },
      send: (options) => ws.send(Buffer.from(new Uint8Array(options.data))),
      close: (options) => ws.close(options.code, options.reason),
    };
  }

  request(options: Parameters<WxApi['request']>[0]): { abort(): void } {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeout);
    fetch(options.url, {
      method: options.method,
      headers: options.header,
      body: new Uint8Array(options.data),
      signal: controller.signal,
    })
      .then(async (response) =>
        options.success({
          statusCode: response.status,
          data: this.toArrayBuffer(new Uint8Array(await response.arrayBuffer())),
        }),
      )
      .catch((err: Error) => options.fail({ errMsg: `request:fail ${err.message}` }))
      .finally(() => clearTimeout(timer));
    return { abort: () => controller.abort() };
  }

  setStorageSync(key: string, value: string): void {
    this.storage.set(key, value);
  }

  getStorageSync(key: string): unknown {
    return this.storage.get(key) ?? '';
  }

  onNetworkStatusChange(callback: Callback<{ isConnected: boolean; networkType: string }>): void {
    this.networkListeners.add(callback);
  }

  offNetworkStatusChange(callback: Callback<{ isConnected: boolean; networkType: string }>): void {
    this.networkListeners.delete(callback);
  }

  onAppShow(callback: Callback<unknown>): void {
    this.showListeners.add(callback);
  }

  onAppHide(callback: () => void): void {
    this.hideListeners.add(callback);
  }

  offAppShow(callback: Callback<unknown>): void {
    this.showListeners.delete(callback);
  }

  offAppHide(callback: () => void): void {
    this.hideListeners.delete(callback);
  }

  /** Titles of the toasts the app showed (wx.showToast), in order. */
  readonly toasts: string[] = [];

  showToast(options: { title: string; icon?: string }): void {
    this.toasts.push(options.title);
  }

  /** WeChat fires this when Wi-Fi/4G comes or goes. */
  networkChanged(isConnected: boolean, networkType = isConnected ? 'wifi' : 'none'): void {
    for (const listener of [...this.networkListeners]) listener({ isConnected, networkType });
  }

  appShown(): void {
    for (const listener of [...this.showListeners]) listener({ scene: 1001, path: 'pages/live/live' });
  }

  appHidden(): void {
    for (const listener of [...this.hideListeners]) listener();
  }

  /** Ends every socket the app opened, as the OS does to a backgrounded mini-program. */
  killSockets(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}
