// Injected by scripts/build.ts for every free `globalThis` in the SDK bundles (protobufjs finds
// its global object through it, and its generated code reads Object, Error and RangeError from
// that object). globalThis is ES2020, newer than what WeChat's runtime guarantees (ES2017); a
// sloppy-mode function's `this` is the global object, and in strict code (which WeChat DevTools
// may emit) an object holding what protobufjs reads from it stands in.
const root = (typeof globalThis === 'object' && globalThis) ||
  (function () {
    return this;
  })() || { Object, Error, RangeError, undefined: void 0 };

export { root as globalThis };
