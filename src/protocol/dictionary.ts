/**
 * Preset dictionaries for raw DEFLATE of one small frame (RFC 1951 has none; zlib primes the window
 * with deflateSetDictionary, fflate's inflate takes the same bytes as `dictionary`). A lone danmaku
 * has nothing earlier in its frame to refer to; with common danmaku words in the window its text
 * does (docs/benchmarks.md, "Fewer bytes for a lone comment"). Versioned in the protocol
 * (Hello.batch_layout, Deflated.dictionary): a published version never changes, a new one gets a
 * new number. zlib uses the end of the dictionary best, so the commonest strings come last.
 */

// Common danmaku words and phrases in Chinese and English, written from common usage (not from any
// benchmark's texts). Exported for the lone-comment study, which measures it against other layouts.
export const DICTIONARY_1_TEXT = [
  'lol LOL haha GG gg nice good great what a shot replay please hello hi from the this that is so',
  'love it wow omg first! let’s go insane amazing thank you thanks host stream chat',
  '233333 666666 哈哈哈哈哈哈哈哈 前方高能 高能预警 主播 加油 太强了 好家伙 笑死 泪目 爷青回 名场面',
  '弹幕护体 下次一定 打卡 来了来了 第一 妙啊 绝了 这波 操作 太秀了 可爱 awsl yyds 厉害 好看 好听',
  '谢谢 晚上好 大家好 直播 老师 哥哥 姐姐 真的 什么 怎么 不是 没有 我们 你们 一下 一起 喜欢 今天',
  '这个 那个 知道 家人们 就是 专业 吗 了 的 啊 呢 吧 ！？，。',
].join(' ');

/**
 * UTF-8 of a string. Here rather than TextEncoder: mini-program runtimes have none, and the
 * dictionary must be the same bytes on every platform.
 */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return new Uint8Array(out);
}

let dictionary1: Uint8Array | undefined;

/** The bytes of preset dictionary `version`, or undefined for a version this build does not know (0: none). */
export function presetDictionary(version: number): Uint8Array | undefined {
  if (version !== 1) return undefined;
  return (dictionary1 ??= utf8(DICTIONARY_1_TEXT));
}
