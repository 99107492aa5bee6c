// Lint keeps the layers apart: renderer/ is browser-only, db/ is pure Node (no Electron),
// and only electron/main.ts, preload.ts and menu.ts may import 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'http',
  'url',
  'crypto',
  'zlib',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      '.native/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'renderer/ talks to the main process only through lib/api.ts',
            },
            { name: 'better-sqlite3', message: 'renderer/ never touches the database' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node modules' },
            { group: ['**/db/**', '../../db/*'], message: 'renderer/ never touches the database' },
            {
              group: ['**/electron/**'],
              allowTypeImports: true,
              message: 'renderer/ may only import types from the contract',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ is pure Node' }],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'db/ depends on nothing above it',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/menu.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'only main.ts, preload.ts and menu.ts import electron; the rest runs under plain Node',
              allowTypeImports: true,
            },
          ],
          patterns: [
            { group: ['**/renderer/**'], message: 'the main side never imports the renderer' },
          ],
        },
      ],
    },
  },
);
