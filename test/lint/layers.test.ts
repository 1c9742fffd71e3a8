import { Linter, type Linter as L } from 'eslint';
import t from 'tap';
import tseslint from 'typescript-eslint';
import config from '../../eslint.config.js';

// The layer rule's entries of eslint.config.js (one no-restricted-imports per folder), on the
// TypeScript parser without type information: quick, and exactly the rule `npm run lint` applies.
const layers = (config as L.Config[]).filter(
  (entry) => entry.files !== undefined && entry.rules?.['no-restricted-imports'] !== undefined,
);

function lint(filename: string, code: string): string[] {
  return new Linter({ configType: 'flat' })
    .verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layers], filename)
    .map((m) => m.message);
}

t.test('an import across the layer rule fails lint; one along it passes', async (t) => {
  const crosses = /This import crosses the layer rule/;
  t.match(lint('src/bus/memory.ts', "import { Gateway } from '../gateway/gateway.js';"), [crosses], 'bus → gateway');
  t.match(lint('src/session/protocol.ts', "import { PollEndpoint } from '../gateway/poll.js';"), [crosses]);
  t.match(lint('src/protocol/codec.ts', "import { RoomHub } from '../rooms/hub.js';"), [crosses], 'protocol → rooms');
  t.match(lint('src/rooms/hub.ts', "import { SessionProtocol } from '../session/protocol.js';"), [crosses]);
  t.same(
    lint('src/gateway/poll.ts', "import { SessionProtocol } from '../session/protocol.js';"),
    [],
    'gateway → session',
  );
  t.same(lint('src/rooms/hub.ts', "import { stampBatch } from '../protocol/codec.js';"), [], 'rooms → protocol');
});
