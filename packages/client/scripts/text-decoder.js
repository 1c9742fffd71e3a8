// Injected by scripts/build.ts for every free `TextDecoder` in the SDK bundles (protobufjs reads
// strings with one): a spec-exact pure-JS UTF-8 decoder, since WeChat's JS runtime has none.
export { TextDecoder } from 'text-encoding-utf-8/src/encoding.js';
