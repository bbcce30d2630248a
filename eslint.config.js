// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules that the pure core must never import (Electron, Node built-ins, SQLite, DOM helpers). */
const impureModules = [
  'electron',
  'better-sqlite3',
  'pdfkit',
  'react',
  'react-dom',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'util',
  'zlib',
  'worker_threads',
  'buffer',
  'events',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      '.tsbuild/**',
      '.out-build-*/**',
      'dist/**',
      'node_modules/**',
      'bench/results.json',
      'test-results/**',
      // Files that break the import rules on purpose (tests/lint checks that lint catches them).
      'tests/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The pure core: domain model, validation, API contract, format conversion, export layouts.
    files: ['common/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impureModules.map((name) => ({
            name,
            message: 'common/ is the pure core: no Electron, Node, SQLite or DOM.',
          })),
          patterns: [
            { group: ['node:*'], message: 'common/ is the pure core: no Node built-ins.' },
            {
              group: ['**/node/**', '**/electron/**', '**/renderer/**', '**/preload/**'],
              message: 'common/ must not depend on impure layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  {
    // The renderer talks to the main process only through the API (preload or HTTP).
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'pdfkit'].map((name) => ({
            name,
            message:
              'The renderer is a sandboxed page: it reaches the main process through the API.',
          })),
          patterns: [
            { group: ['node:*'], message: 'The renderer is a sandboxed page: no Node built-ins.' },
            {
              group: ['**/main/**', '**/preload/**', '**/tests/**', '**/bench/**', '**/scripts/**'],
              message:
                'The renderer imports only common/ (and its npm packages), never main/ or preload/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The preload bridge: electron and the contract's types, nothing else of the app.
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/tests/**'],
              message: 'The preload imports only common/ (types) and electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node, SQLite and PDF: usable by browser mode and the CLI, so never Electron.
    files: ['main/node/**/*.ts', 'main/start.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'main/node runs without Electron (browser mode, CLI): the shell is main/electron.',
            },
          ],
          patterns: [
            {
              group: [
                '**/electron/**',
                '**/renderer/**',
                '**/preload/**',
                '**/tests/**',
                '**/bench/**',
              ],
              message:
                'main/node imports only common/ and main/node: not the Electron shell, the renderer or the preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/preload/**', '**/tests/**', '**/bench/**'],
              message:
                'main/electron imports main/node and common/, never the renderer or the preload.',
            },
          ],
        },
      ],
    },
  },
  {
    // One statement cache (storage/statements.ts): it also gives a read handle statements
    // without `run`, so a write can only happen through the handle writeTransaction hands out.
    // Only the opening checks, backups and the frozen migrations prepare on a raw handle.
    files: ['main/**/*.ts'],
    ignores: [
      'main/node/storage/statements.ts',
      'main/node/storage/library.ts',
      'main/node/storage/backup.ts',
      'main/node/storage/migrations/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message:
            'Prepare SQL through stmt() (storage/statements.ts): one statement cache, and writes only through the handle writeTransaction gives.',
        },
      ],
    },
  },
);
