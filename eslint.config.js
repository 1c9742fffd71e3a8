// ESLint flat config: typescript-eslint's type-aware recommended rules, plus the layer rule.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import local from './eslint/handled-errors.js';

const SERVER_FOLDERS = [
  'session',
  'gateway',
  'admin',
  'bus',
  'store',
  'rooms',
  'moderation',
  'limits',
  'auth',
  'config',
  'metrics',
  'http',
  'schema',
];

// The transports, what sits beside and above them, and the uWS library only they use.
const TRANSPORTS_AND_ABOVE = ['**/gateway/*', '**/admin/*', 'danmaku-client', '**/server.js', 'uWebSockets.js'];

/** One folder's forbidden imports, as a no-restricted-imports rule scoped to its files. */
function layer(files, forbidden) {
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ group: forbidden, message: 'This import crosses the layer rule (docs/architecture.md).' }] },
        ],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.tap/',
      'src/protocol/generated/',
      'examples/**/lib/',
      'examples/**/miniprogram_npm/',
      'packages/client/build/',
      'packages/client/dist/',
      'packages/client/miniprogram/',
      'grafana/dashboards/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.test.json', './web/tsconfig.json', './packages/client/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // The layer rule (docs/architecture.md): protocol and domain import nothing of ours; client imports
  // protocol only; the domain modules (rooms, bus, store, ...) import neither the session nor a
  // transport; the session imports no transport; transports (gateway) import no admin; server.ts
  // composes them all. Each entry lists what a folder must not import (ESLint takes one
  // no-restricted-imports per file).
  ...layer('src/{protocol,domain}/**', ['../**', 'uWebSockets.js', '@nats-io/*', 'ws']),
  ...layer('packages/client/{src,scripts}/**', [
    ...SERVER_FOLDERS.map((f) => `**/${f}/*`),
    '**/domain/*',
    '**/server.js',
    'uWebSockets.js',
    '@nats-io/*',
  ]),
  ...layer('src/{bus,store}/**', ['**/session/*', ...TRANSPORTS_AND_ABOVE]),
  // Shared HTTP plumbing: below every transport, above nothing of the domain.
  ...layer('src/http/**', [
    '**/session/*',
    '**/gateway/*',
    '**/admin/*',
    '**/client/*',
    '**/server.js',
    '**/bus/*',
    '**/store/*',
    '@nats-io/*',
  ]),
  // JSON Schema helpers: a leaf every layer may use.
  ...layer('src/schema/**', ['../**', 'uWebSockets.js', '@nats-io/*']),
  ...layer('src/{rooms,moderation,limits,auth,config,metrics}/**', [
    '**/session/*',
    ...TRANSPORTS_AND_ABOVE,
    '@nats-io/*',
  ]),
  ...layer('src/session/**', [...TRANSPORTS_AND_ABOVE, '@nats-io/*', 'ws']),
  ...layer('src/gateway/**', ['**/admin/*', 'danmaku-client', '**/server.js', '@nats-io/*']),
  {
    // Everything outside the SDK uses it as an app does, through the package's entry points
    // (danmaku-client, /node, /browser, /wx); only the SDK's own unit tests reach inside.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'web/**/*.ts'],
    ignores: ['test/client/unit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/packages/client/**'], message: 'Import danmaku-client through its entry points.' }],
        },
      ],
    },
  },
  {
    // The server runs regexes on text from clients: no pattern of ours may backtrack super-linearly,
    // and a pattern built at run time must go through moderation/linear-regex.ts (RE2).
    files: ['src/**/*.ts'],
    plugins: { regexp, local },
    rules: {
      // No catch without handling, logging or rethrowing (eslint/handled-errors.js).
      'local/handled-errors': 'error',
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='RegExp'], CallExpression[callee.name='RegExp']",
          message: 'A pattern built at run time runs on V8 (backtracking): compile it with compileLinearRegex.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // tap runs every top-level test() and t.test() it was handed; awaiting them is optional.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: '@tapjs/core', name: ['test', 'todo', 'skip'] },
            { from: 'package', package: '@tapjs/test', name: ['test', 'todo', 'skip'] },
          ],
        },
      ],
      // tap callbacks are often async for a t.rejects/t.resolves later in them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // A WeChat mini-program: its runtime's globals (https://developers.weixin.qq.com/miniprogram/dev/reference/api/).
    files: ['examples/miniprogram/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        wx: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        getApp: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The Node client example: plain ESM run by `node`, on Node's globals.
    files: ['examples/node-client.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', URL: 'readonly' } },
  },
  {
    // The example's stand-in for DevTools' npm build runs on Node.
    files: ['examples/miniprogram/scripts/*.js'],
    languageOptions: { globals: { __dirname: 'readonly', process: 'readonly' } },
  },
);
