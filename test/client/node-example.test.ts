import { spawn } from 'node:child_process';
import { join } from 'node:path';
import t from 'tap';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { freePort } from '../helpers/nats.js';
import { token } from '../helpers/node.js';
import { ROOT } from '../helpers/root.js';
import { waitFor } from '../helpers/wait.js';

const EXAMPLE = join(ROOT, 'examples/node-client.js');

/** `node examples/node-client.js <url> <room>` as a user runs it: its output so far, SIGINT, its exit. */
function runExample(url: string, room: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [EXAMPLE, url, room], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { output: () => output, exited, interrupt: () => child.kill('SIGINT'), kill: () => child.kill('SIGKILL') };
}

/** Adds the example's output to a wait that timed out: what it printed says why. */
const withOutput = (output: () => string) => (err: unknown) => {
  throw new Error(`${err instanceof Error ? err.message : String(err)}; the example printed:\n${output()}`);
};

t.test(
  'the Node example joins, posts with a dev node demo token, shows its own danmaku, and stops on Ctrl-C',
  async (t) => {
    const node = await GatewayProcess.start('example-dev', { AUTH_SECRET: '' });
    t.teardown(() => node.kill());
    const example = runExample(node.wsUrl, 'example-room');
    t.teardown(example.kill);
    await waitFor(
      "the example's post and its broadcast",
      () => /posted: seq \d+/.test(example.output()) && /\[example-room\] demo-/.test(example.output()),
      { timeoutMs: 15_000 },
    ).catch(withOutput(example.output));
    t.match(example.output(), /joined example-room: 1 viewer/, 'it says it joined');
    t.match(
      example.output(),
      /\[example-room\] demo-[a-z0-9]+: hello from Node \d+/,
      'it prints the danmaku the room broadcast',
    );
    example.interrupt();
    t.equal(await example.exited, 0, 'Ctrl-C ends it with exit 0');
    t.match(example.output(), /closed: client closed by the app/);
  },
);

t.test(
  'with DANMAKU_TOKEN it posts as that user; without one, or with no node there, it says what is wrong',
  async (t) => {
    const node = await GatewayProcess.start('example-secret', {});
    t.teardown(() => node.kill());
    const withToken = runExample(node.wsUrl, 'example-room', {
      DANMAKU_TOKEN: token({ sub: 'u-example', name: 'Example' }),
    });
    t.teardown(withToken.kill);
    await waitFor(
      "the example's danmaku under the token's name",
      () => /\[example-room\] Example: hello from Node/.test(withToken.output()),
      { timeoutMs: 15_000 },
    ).catch(withOutput(withToken.output));
    withToken.interrupt();
    t.equal(await withToken.exited, 0);

    const without = runExample(node.wsUrl, 'example-room');
    t.teardown(without.kill);
    t.not(await without.exited, 0, 'it stops');
    t.match(without.output(), /demo\/token answered 404: set DANMAKU_TOKEN/, 'and says what to set');

    const nowhere = runExample(`ws://127.0.0.1:${await freePort()}/ws`, 'example-room');
    t.teardown(nowhere.kill);
    t.not(await nowhere.exited, 0, 'pointed at a port where no node listens, it stops');
    t.match(nowhere.output(), /cannot reach .*\(ECONNREFUSED\): is a node running there\?/, 'and says why');
  },
);
