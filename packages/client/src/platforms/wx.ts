import { DanmakuClient, type ClientOptions, type KeyValueStorage, type Platform } from '../index.js';

export * from '../index.js';

/** The WeChat mini-program APIs the adapter uses, with WeChat's callback and argument shapes. */
export interface WxSocketTask {
  onOpen(callback: (result: unknown) => void): void;
  onMessage(callback: (result: { data: string | ArrayBuffer }) => void): void;
  onClose(callback: (result: { code: number; reason: string }) => void): void;
  onError(callback: (result: { errMsg: string }) => void): void;
  send(options: { data: ArrayBuffer; fail?: (result: { errMsg: string }) => void }): void;
  close(options: { code?: number; reason?: string }): void;
}

export interface WxApi {
  connectSocket(options: {
    url: string;
    header?: Record<string, string>;
    fail?: (result: { errMsg: string }) => void;
  }): WxSocketTask;
  request(options: {
    url: string;
    method: 'POST';
    header: Record<string, string>;
    data: ArrayBuffer;
    responseType: 'arraybuffer';
    timeout: number;
    success: (result: { statusCode: number; data: ArrayBuffer | string }) => void;
    fail: (result: { errMsg: string }) => void;
  }): { abort(): void };
  setStorageSync(key: string, value: string): void;
  getStorageSync(key: string): unknown;
  onNetworkStatusChange(callback: (result: { isConnected: boolean; networkType: string }) => void): void;
  offNetworkStatusChange?(callback: (result: { isConnected: boolean; networkType: string }) => void): void;
  onAppShow(callback: (options: unknown) => void): void;
  onAppHide(callback: () => void): void;
  offAppShow?(callback: (options: unknown) => void): void;
  offAppHide?(callback: () => void): void;
}

function toArrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

function wxStorage(wx: WxApi): KeyValueStorage {
  return {
    get: (key) => {
      try {
        const value = wx.getStorageSync(key);
        return typeof value === 'string' && value !== '' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, value) => {
      try {
        wx.setStorageSync(key, value);
      } catch {
        // Storage full (10 MB per mini-program): the outbox still lives in memory for this run.
      }
    },
  };
}

// The mini-program runtime's global API object (ES2017 has no globalThis to reach it through).
declare const wx: WxApi | undefined;

/**
 * WeChat mini-program: wx.connectSocket (a mini-program may hold at most 5 sockets; the client
 * uses one for every room), wx.request for long-poll, wx storage, network and app show/hide events.
 * Uses the global `wx` unless given one; throws when there is neither.
 */

export function wxPlatform(api: WxApi | undefined = typeof wx === 'undefined' ? undefined : wx): Platform {
  if (api === undefined) throw new Error('wxPlatform: no global wx here; pass the wx object');
  return wxPlatformOf(api);
}

function wxPlatformOf(wx: WxApi): Platform {
  return {
    name: 'wx',
    openSocket(url, handlers) {
      let ended = false;
      const end = (code: number, reason: string) => {
        if (ended) return;
        ended = true;
        handlers.close({ code, reason });
      };
      const task = wx.connectSocket({ url, fail: (result) => end(1006, result.errMsg) });
      task.onOpen(() => handlers.open());
      task.onMessage((result) => {
        if (typeof result.data !== 'string') handlers.message(new Uint8Array(result.data));
      });
      // Some base library versions report a failed connect with onError and never call onClose.
      task.onError((result) => end(1006, result.errMsg));
      task.onClose((result) => end(result.code, result.reason));
      return {
        send: (data) => task.send({ data: toArrayBuffer(data) }),
        close: (code, reason) => {
          ended = true;
          task.close({ code, reason });
        },
      };
    },
    request(request, done) {
      let cancelled = false;
      const task = wx.request({
        url: request.url,
        method: 'POST',
        header: { ...request.headers },
        data: toArrayBuffer(request.body),
        responseType: 'arraybuffer',
        timeout: request.timeoutMs,
        success: (result) => {
          if (!cancelled)
            done({
              status: result.statusCode,
              body: typeof result.data === 'string' ? new Uint8Array(0) : new Uint8Array(result.data),
            });
        },
        fail: (result) => {
          if (!cancelled) done({ error: result.errMsg });
        },
      });
      return {
        abort: () => {
          cancelled = true;
          task.abort();
        },
      };
    },
    storage: wxStorage(wx),
    onNetworkChange(listener) {
      const callback = (result: { isConnected: boolean }) => listener(result.isConnected);
      wx.onNetworkStatusChange(callback);
      return () => wx.offNetworkStatusChange?.(callback);
    },
    onForegroundChange(listener) {
      const show = () => listener(true);
      const hide = () => listener(false);
      wx.onAppShow(show);
      wx.onAppHide(hide);
      return () => {
        wx.offAppShow?.(show);
        wx.offAppHide?.(hide);
      };
    },
  };
}

/** A client on the mini-program's `wx` (the global one unless `wx` is given); call `connect()` to start. */
export function createWxClient(options: Omit<ClientOptions, 'platform'> & { wx?: WxApi }): DanmakuClient {
  return new DanmakuClient({ ...options, platform: wxPlatform(options.wx) });
}
