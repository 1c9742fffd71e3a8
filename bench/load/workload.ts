/**
 * The danmaku every server is fed: realistic text (Chinese and ASCII mixed, 10–40 characters) whose
 * last characters are the poster's send time, so a viewer measures poster send → viewer receipt for
 * every server the same way, whatever the server stamps itself.
 */

const PHRASES = [
  '哈哈哈哈',
  '前方高能',
  'awsl',
  '666',
  '好耶',
  '这波操作太秀了',
  '主播加油',
  '2333',
  '弹幕护体',
  '名场面',
  '泪目',
  'yyds',
  '打卡',
  '来了来了',
  'GG',
  'nice',
  '妙啊',
  '下次一定',
  '合影留念',
  '画质好清晰',
  'LOL',
  '第一!',
  'hello from Shanghai',
  '这就是专业',
  'replay please',
  '笑死',
  '太强了吧',
  'what a shot',
  '爷青回',
  'ok',
];

const SENT_AT_MARK = '#';
/** Longest body so that body + mark + base-36 time (8 characters until 2059) stays within 40 characters. */
const MAX_BODY_CHARS = 31;
const MIN_BODY_CHARS = 10;

/** Deterministic PRNG (mulberry32) so every server gets the very same texts. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeBodies(count: number): string[] {
  const random = prng(20261125);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = MIN_BODY_CHARS + Math.floor(random() * (MAX_BODY_CHARS - MIN_BODY_CHARS + 1));
    let chars: string[] = [];
    while (chars.length < target)
      chars = chars.concat([...(PHRASES[Math.floor(random() * PHRASES.length)] as string)], [' ']);
    bodies.push(chars.slice(0, target).join('').trim().padEnd(MIN_BODY_CHARS, '!'));
  }
  return bodies;
}

const BODIES = makeBodies(1024);

/** The i-th comment text, stamped with the time it is being sent. */
export function commentText(i: number, sentAtMs: number): string {
  return `${BODIES[i % BODIES.length] as string}${SENT_AT_MARK}${sentAtMs.toString(36)}`;
}

/** The poster's send time carried by a comment text, or undefined when the text is not one of ours. */
export function sentAtOf(text: string): number | undefined {
  const mark = text.lastIndexOf(SENT_AT_MARK);
  if (mark < 0) return undefined;
  const value = parseInt(text.slice(mark + 1), 36);
  return Number.isFinite(value) ? value : undefined;
}

export const COMMENT_COLOR = 0xffffff;

const NICKNAMES = ['小明', '路人甲', '追番的猫', 'Kevin', '夜猫子', '阿紫', 'momo', '吃瓜群众'];

/** Display name of poster i: what the JSON peers, which take names on trust, receive as well. */
export function userName(i: number): string {
  return `${NICKNAMES[i % NICKNAMES.length] as string}${i}`;
}
