// Lint rules, including the layer arrows of docs/ARCHITECTURE.md (arrows only point down).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'url',
  'worker_threads',
  'stream',
  'zlib',
  'dgram',
  'tls',
  'dns',
];
const IO_PACKAGES = ['electron', 'better-sqlite3', 'ccxt', 'winston', 'keytar', '@anthropic-ai/sdk', 'ws'];

/** A no-restricted-imports rule: `patterns` are gitignore-style groups, each with its reason. */
function restrict(groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

const upward = (layers) => layers.map((l) => `**/electron/${l}/**`);

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'release/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['*.config.{ts,js}', 'electron.vite.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Plain scripts that run inside Chromium (benchmarks of the chart).
  { files: ['bench/chart/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  // renderer/: React UI, talks to the engine only through shared/ (the contract).
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        [['**/electron/**'], 'renderer/ must not import electron/: use the contract in shared/ipc.'],
        [[...NODE_BUILTINS, ...IO_PACKAGES], 'renderer/ runs in the browser: no Node modules or I/O packages.'],
      ]),
    },
  },
  // shared/: the contract and its types; depends on nothing of ours.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [['**/electron/**', '**/renderer/**'], 'shared/ is the bottom layer: it imports nothing of ours above it.'],
        [
          [...NODE_BUILTINS, ...IO_PACKAGES, 'react', 'react-dom'],
          'shared/ is plain TypeScript + zod, usable on both sides.',
        ],
      ]),
    },
  },
  // electron/engine/: the pure domain. No I/O, no wall clock.
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [[...NODE_BUILTINS, ...IO_PACKAGES], 'electron/engine is pure: I/O goes behind a port in electron/adapters.'],
        [
          upward(['core', 'main', 'headless', 'preload', 'adapters', 'persistence', 'logging', 'cli']),
          'electron/engine may import only engine/ and shared/.',
        ],
      ]),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
        { object: 'performance', property: 'now', message: 'Use the injected Clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock, not the wall clock.',
        },
      ],
    },
  },
  // electron/adapters, persistence, logging: I/O behind ports; they never reach up to the shell.
  {
    files: ['electron/adapters/**/*.ts', 'electron/persistence/**/*.ts', 'electron/logging/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [
          upward(['core', 'main', 'headless', 'preload', 'cli']),
          'adapters/persistence/logging sit below core/: no imports upward.',
        ],
        [
          ['electron'],
          'Only electron/main and electron/preload import the electron module; pass what you need in (e.g. safeStorage).',
        ],
      ]),
    },
  },
  // electron/core: the composition root. Below main/ and headless/.
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [
          upward(['main', 'headless', 'preload', 'cli']),
          'core/ is shared by main/ and headless/: it never imports them.',
        ],
        [['electron'], 'core/ runs under plain Node too: no electron module.'],
      ]),
    },
  },
  // electron/preload: a bridge built from the contract's names, nothing else.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [
          upward(['core', 'main', 'headless', 'adapters', 'persistence', 'logging', 'engine', 'cli']),
          'preload/ holds no logic: it imports shared/ and electron only.',
        ],
      ]),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([[upward(['headless', 'cli']), 'main/ and headless/ are sibling entries.']]),
    },
  },
  {
    files: ['electron/headless/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [upward(['main', 'preload']), 'headless/ and cli/ run under plain Node: no Electron shell code.'],
        [['electron'], 'headless/ and cli/ run under plain Node.'],
      ]),
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}'], rules: { 'no-console': 'off' } },
);
