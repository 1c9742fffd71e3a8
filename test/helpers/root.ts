import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * The package's root directory (the one holding package.json), found from this module: the tests
 * run as TypeScript from test/ (`npx tap test/x/y.test.ts`) and compiled from dist/test/ (`npm test`),
 * so a path written relative to the test file would point into dist/ in the second case.
 */
export const ROOT = packageRoot();

/** An absolute path to `path` (relative to the package root, e.g. 'README.md'). */
export function fromRoot(path: string): string {
  return join(ROOT, path);
}
