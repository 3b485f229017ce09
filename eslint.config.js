// Lint rules double as the architecture's boundaries (see README "Code map").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const outsideCore = ['react', 'react-dom', 'zustand', 'comlink', 'd3-*', '@tensorflow/*'];

// Tests are *.test.ts beside the code and e2e/ (Playwright); test support (fakes, shared
// assertions) lives in testing/ folders. The test runners' configs belong with them.
const testFiles = ['**/*.test.ts', 'e2e/**'];
const testSupport = ['**/testing/**'];
const testRunnerConfigs = ['vite.config.ts', 'playwright.config.ts'];

// Zones compare resolved file paths, so any relative path inside a zone is fine however deep the
// importing file sits. An import that does not resolve to a file is not checked by a zone; tsc
// fails on it anyway.
const coreZone = {
  target: './src/core',
  from: '.',
  except: ['./src/core'],
  message: 'src/core is pure maths: it imports only src/core.',
};
const storeZone = {
  target: ['./src/plots', './src/params', './src/core', './src/workerClient', './src/formats'],
  from: './src/store',
  message: 'Only src/ui reads the store.',
};

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
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: [...testFiles, ...testSupport, ...testRunnerConfigs],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vitest', 'vitest/*', '@playwright/test', '@playwright/test/*', 'fast-check'],
              message: 'Test frameworks are for tests and testing/ (test support) only.',
            },
            {
              group: ['**/testing', '**/testing/*'],
              message: 'testing/ holds test support: only tests and other test support import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': ['error', { zones: [coreZone, storeZone] }],
      // src/ may only use worker code for its types; only src/workerClient creates workers.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workers/**'],
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
    // Tests and test support of src/core may reach outside it (test frameworks, reference files
    // and their format); the store stays off limits.
    files: ['src/core/**/*.test.ts', 'src/core/**/testing/**'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [storeZone] }],
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
          ],
        },
      ],
    },
  },
);
