import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const refused: [file: string, rule: string, code: string][] = [
  [
    'src/core/quadrature/probe.ts',
    'import-x/no-restricted-paths',
    "import { DEFAULT_PARAMS } from '../../params/schema';\nexport const p = DEFAULT_PARAMS;\n",
  ],
  [
    'src/core/probe.ts',
    'import-x/no-restricted-paths',
    "import { parseCase } from '../formats/referenceCases';\nexport const p = parseCase;\n",
  ],
  [
    'src/core/linalg/probe.ts',
    'import-x/no-restricted-paths',
    "import type { TheoryPayload } from '../../../workers/kernelApi';\nexport type T = TheoryPayload;\n",
  ],
  [
    'src/core/probe.ts',
    '@typescript-eslint/no-restricted-imports',
    "import { useState } from 'react';\nexport const u = useState;\n",
  ],
  ['src/core/probe.ts', 'no-restricted-properties', 'export const r = Math.random();\n'],
  ['src/core/probe.ts', 'no-restricted-globals', 'export const w = window.innerWidth;\n'],
  [
    'src/plots/probe.ts',
    'import-x/no-restricted-paths',
    "import { createAppStore } from '../store/appState';\nexport const s = createAppStore;\n",
  ],
  [
    'src/formats/probe.ts',
    'import-x/no-restricted-paths',
    "import type { AppStore } from '../store/appState';\nexport type S = AppStore;\n",
  ],
  [
    'src/core/probe.test.ts',
    'import-x/no-restricted-paths',
    "import type { AppStore } from '../store/appState';\nexport type S = AppStore;\n",
  ],
  [
    'src/ui/probe.ts',
    '@typescript-eslint/no-restricted-imports',
    "import { createKernelApi } from '../../workers/kernelApi';\nexport const k = createKernelApi;\n",
  ],
  [
    'src/ui/probe.ts',
    '@typescript-eslint/no-restricted-imports',
    "import { ready } from '@tensorflow/tfjs-core';\nexport const r = ready;\n",
  ],
  [
    'src/ui/probe.ts',
    '@typescript-eslint/no-restricted-imports',
    "import { initWith } from '../../workers/ensemble.worker';\nexport const i = initWith;\n",
  ],
  [
    'src/ui/probe.ts',
    '@typescript-eslint/no-restricted-imports',
    "import { createEngine } from '../../workers/engines/createEngine';\nexport const c = createEngine;\n",
  ],
  ['src/ui/probe.ts', 'no-restricted-syntax', "export const w = new Worker('w.js');\n"],
  [
    'src/formats/probe.ts',
    'no-restricted-imports',
    "import { expect } from 'vitest';\nexport const e = expect;\n",
  ],
  [
    'cli/probe.ts',
    'no-restricted-imports',
    "import { chromium } from '@playwright/test';\nexport const c = chromium;\n",
  ],
  [
    'src/ui/probe.ts',
    'no-restricted-imports',
    "import { fakePayload } from '../workerClient/testing/fakePayload';\nexport const f = fakePayload;\n",
  ],
];

const allowed: [file: string, code: string][] = [
  [
    'src/core/quadrature/probe.ts',
    "import type { ScalarActivation } from '../activations';\nexport type A = ScalarActivation;\n",
  ],
  [
    'src/core/probe.test.ts',
    "import { parseCase } from '../formats/referenceCases';\nexport const p = parseCase;\n",
  ],
  [
    'src/ui/probe.ts',
    "import type { AppStore } from '../store/appState';\nexport type S = AppStore;\n",
  ],
  [
    'src/ui/probe.ts',
    "import type { TheoryPayload } from '../../workers/kernelApi';\nexport type T = TheoryPayload;\n",
  ],
  ['src/workerClient/probe.ts', "export const w = new Worker('w.js');\n"],
  ['src/formats/testing/probe.ts', "import { expect } from 'vitest';\nexport const e = expect;\n"],
  ['e2e/probe.ts', "import { test } from '@playwright/test';\nexport const t = test;\n"],
];

describe('lint boundaries', () => {
  it.each(refused)('%s: %s', async (file, rule, code) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it.each(allowed)('%s allows snippet %#', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
