// Lint rules double as the architecture's boundaries (see README "Code map").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const outsideCore = ['react', 'react-dom', 'zustand', 'comlink', 'd3-*', '@tensorflow/*'];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'build'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // src/ may only use worker code for its types; only src/workerClient creates workers.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workers/*', '!**/workers/*.worker*'],
              allowTypeImports: true,
              message: 'src/ imports worker code as `import type` only.',
            },
            {
              group: ['@tensorflow/*'],
              allowTypeImports: true,
              message: 'tfjs stays out of the page bundle: only workers/ and tests import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/workerClient/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Worker']",
          message: 'Only src/workerClient creates workers.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'self',
        'globalThis',
        'process',
        'navigator',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG in src/core/rng.ts.' },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: outsideCore, message: 'src/core is pure maths: it imports only src/core.' },
            { regex: '^\\.\\./(?!core/)[^.]', message: 'src/core imports only src/core.' },
            { regex: '^\\.\\./\\.\\./(?!core/)', message: 'src/core imports only src/core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: outsideCore },
            { regex: '^\\.\\./', message: 'src/core imports only src/core.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/plots/**/*.{ts,tsx}',
      'src/params/**/*.ts',
      'src/core/**/*.ts',
      'src/workerClient/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/store', '**/store/*'], message: 'Only src/ui reads the store.' },
          ],
        },
      ],
    },
  },
);
