const REPLACEMENT = '\uFFFD';

/**
 * The text with every lone surrogate (a UTF-16 half without its other half) replaced by U+FFFD,
 * which is what UTF-8 can carry (WHATWG Encoding §4.3, "convert to a scalar value string"; what
 * TextEncoder does). Without it protobufjs would write a lone surrogate as three bytes of invalid
 * UTF-8 that the server turns into three U+FFFD. Paired surrogates (emoji, CJK extension B) stay.
 * (String.prototype.toWellFormed is ES2024: WeChat's runtime does not have it.)
 */
export function wellFormed(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    out += text.slice(from, i) + REPLACEMENT;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
