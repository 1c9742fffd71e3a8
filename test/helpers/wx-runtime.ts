import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script, createContext, type Context } from 'node:vm';

/**
 * Globals a fresh `node:vm` context has that WeChat's mini-program JS runtime does not promise.
 * WeChat guarantees ES2017 built-ins, timers and `wx`
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html); eval is
 * refused there, and `globalThis`, BigInt, WeakRef and the rest are newer than ES2017.
 */
const ABSENT_GLOBALS = [
  'globalThis',
  'eval',
  'AggregateError',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'FinalizationRegistry',
  'WeakRef',
  'WebAssembly',
  'Intl',
];

/** Built-in methods newer than ES2017, removed from the context's intrinsics. */
const ABSENT_METHODS: Record<string, readonly string[]> = {
  'Array.prototype': [
    'flat',
    'flatMap',
    'at',
    'findLast',
    'findLastIndex',
    'toReversed',
    'toSorted',
    'toSpliced',
    'with',
  ],
  Object: ['fromEntries', 'hasOwn', 'groupBy'],
  'String.prototype': ['trimStart', 'trimEnd', 'matchAll', 'replaceAll', 'at', 'isWellFormed', 'toWellFormed'],
  Promise: ['allSettled', 'any', 'withResolvers'],
  'Promise.prototype': ['finally'],
  Map: ['groupBy'],
  Symbol: ['asyncIterator'],
  'Uint8Array.prototype': ['at', 'findLast', 'findLastIndex', 'toReversed', 'toSorted', 'with'],
};

/** What a test's page code may also see besides the runtime's globals (Page, getApp...). */
export type PageGlobals = Record<string, unknown>;

/**
 * A JS realm shaped like WeChat's mini-program runtime: ES2017 built-ins, setTimeout/setInterval
 * (and their clears), console, and the `wx` object given — no TextDecoder, TextEncoder, WebSocket,
 * fetch, Buffer, process, URL, crypto, queueMicrotask or globalThis. Modules are loaded the way
 * the mini-program loads them (CommonJS: module, exports, require).
 */
export class WxRuntime {
  readonly context: Context;
  /** The realm's own ArrayBuffer: data WeChat hands to the app is of the app's realm. */
  readonly ArrayBuffer: ArrayBufferConstructor;

  constructor(wx: object, globals: PageGlobals = {}) {
    this.context = createContext({
      wx,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      console: { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug },
      ...globals,
    });
    const removals = [
      ...ABSENT_GLOBALS.map((name) => `delete this[${JSON.stringify(name)}];`),
      ...Object.entries(ABSENT_METHODS).flatMap(([owner, names]) =>
        names.map((name) => `delete ${owner}[${JSON.stringify(name)}];`),
      ),
    ];
    this.ArrayBuffer = new Script(`${removals.join('\n')}\nArrayBuffer`).runInContext(
      this.context,
    ) as ArrayBufferConstructor;
  }

  /** The names of the realm's global object now (to assert what the code under test could reach). */
  globalNames(): string[] {
    return new Script('Object.getOwnPropertyNames(this)').runInContext(this.context) as string[];
  }

  /**
   * Runs one CommonJS module's source in the realm and returns its exports. `require` is called
   * with whatever the module requires; it throws unless `modules` provides it.
   */
  load(source: string, filename: string, modules: Record<string, unknown> = {}): Record<string, unknown> {
    const wrapper = new Script(`(function (module, exports, require) {"use strict";${source}\n})`, {
      filename,
    }).runInContext(this.context) as (
      module: { exports: unknown },
      exports: unknown,
      require: (name: string) => unknown,
    ) => void;
    const module = { exports: new Script('({})').runInContext(this.context) as Record<string, unknown> };
    wrapper(module, module.exports, (name) => {
      if (name in modules) return modules[name];
      throw new Error(`${filename} required ${name}, which the mini-program does not have`);
    });
    return module.exports;
  }

  /** Copies bytes into an ArrayBuffer of this realm. */
  arrayBuffer(bytes: Uint8Array): ArrayBuffer {
    const copy = new this.ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return copy;
  }
}

/**
 * The SDK file WeChat DevTools' "构建 npm" copies into miniprogram_npm/danmaku-client/: the
 * package.json `miniprogram` directory's index.js, read through the installed package.
 */
export function miniprogramSdkPath(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('danmaku-client/package.json');
  const { miniprogram } = JSON.parse(readFileSync(manifest, 'utf8')) as { miniprogram: string };
  return join(dirname(manifest), miniprogram, 'index.js');
}
