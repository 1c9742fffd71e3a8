// A Node viewer that also posts, with the SDK's Node entry (danmaku-client/node): it joins a room,
// prints every danmaku the room broadcasts, posts one, and keeps watching until Ctrl-C.
//
//   npm start                                              # another terminal: a dev node on :8080
//   node examples/node-client.js [ws://127.0.0.1:8080/ws] [room]
//
// It posts with DANMAKU_TOKEN when set (a poster token: `npx danmaku-token --sub u1`, or the
// "sample poster token" line a dev node prints); otherwise it asks a dev node's /demo/token for one.
// In an app outside this repository, install the package first (packages/client/README.md).
import { createNodeClient, PostRejectedError } from 'danmaku-client/node';

const url = process.argv[2] ?? 'ws://127.0.0.1:8080/ws';
const room = process.argv[3] ?? 'lobby';

/** A dev node (no AUTH_SECRET) hands out short-lived demo poster tokens at GET /demo/token. */
async function demoToken(wsUrl) {
  const tokenUrl = new URL('/demo/token', wsUrl.replace(/^ws/, 'http'));
  const res = await fetch(tokenUrl).catch((err) => {
    throw new Error(`cannot reach ${tokenUrl} (${err.cause?.code ?? err.message}): is a node running there?`);
  });
  if (!res.ok)
    throw new Error(
      `${tokenUrl} answered ${res.status}: set DANMAKU_TOKEN (a node with AUTH_SECRET has no demo tokens)`,
    );
  return (await res.json()).token;
}

const token = process.env.DANMAKU_TOKEN || (await demoToken(url));
const client = createNodeClient({ urls: [url], token });
client.on('open', ({ transport }) => console.log(`connected to ${url} over ${transport}`));
client.on('joined', (joined) => console.log(`joined ${joined.room}: ${joined.viewers} viewer(s)`));
client.on('danmaku', ({ room: from, items }) => {
  for (const item of items) console.log(`[${from}] ${item.userName}: ${item.text}`);
});
client.on('closed', ({ reason, message }) => console.log(`closed: ${reason} ${message}`));
client.join(room);
client.connect();
process.on('SIGINT', () => {
  client.close();
  process.exit(0);
});

try {
  const { seq, id } = await client.post(room, `hello from Node ${process.pid}`);
  console.log(`posted: seq ${seq}, id ${id}`);
} catch (err) {
  console.error(err instanceof PostRejectedError ? `refused: ${err.code}` : err);
}
