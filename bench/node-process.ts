import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A node of this server started by a small benchmark, and the port it listens on. */
export interface ListeningNode {
  readonly child: ChildProcess;
  readonly port: number;
}

/**
 * Starts `dist/src/main.js` (PORT 0, HOST 127.0.0.1, LOG_LEVEL warn, the per-IP and upgrade-rate
 * limits lifted — every benchmark client connects from 127.0.0.1 — plus `env`) and resolves once it
 * prints its listening line. Rejects if the process exits before that.
 */
export function startListeningNode(env: Record<string, string>): Promise<ListeningNode> {
  const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MAX_CONNECTIONS_PER_IP: '100000',
      UPGRADE_RATE_PER_IP: '100000',
      UPGRADE_RATE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening: http:\/\/[^:]+:(\d+)\//.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`node exited with ${code} before listening`)));
  });
}
