// The SIMD engine itself must not load tfjs, so that the CLI, the bench and a future lazily
// loaded tfjs engine can run it without tfjs (today the ensemble worker still bundles both
// engines through createEngine.ts). A text walk of the value imports reachable from simdEngine.ts,
// following relative paths; `import type` / `export type` are erased at build time, so they
// load nothing and are not followed.

import { describe, expect, it } from 'vitest';

/** the project's TypeScript sources (outside tests) as text, keyed by root-relative path */
const SOURCES: Record<string, string> = import.meta.glob(
  ['/workers/**/*.ts', '/src/**/*.ts', '/wasm/build/*.ts', '!**/*.test.ts'],
  { eager: true, query: '?raw', import: 'default' },
);

/** specifiers of the value imports and re-exports of a module's source */
function valueImports(source: string): string[] {
  const out: string[] = [];
  const fromClause = /^\s*(import|export)\s+(type\s+)?([^;]*?)\bfrom\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(fromClause)) if (!m[2]) out.push(m[4]!);
  for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** the root-relative path `specifier` names from module `from` */
function resolveModule(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`])
    if (candidate.endsWith('.ts') && candidate in SOURCES) return candidate;
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

interface Reach {
  /** the modules loaded from the entry, itself included */
  modules: Set<string>;
  /** every package import among them, with the module that makes it */
  packages: { module: string; specifier: string }[];
}

function reach(entry: string): Reach {
  const modules = new Set<string>();
  const packages: Reach['packages'] = [];
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (modules.has(file)) continue;
    const source = SOURCES[file];
    if (source === undefined) throw new Error(`no source for ${file}`);
    modules.add(file);
    for (const specifier of valueImports(source)) {
      if (specifier.startsWith('.')) queue.push(resolveModule(file, specifier));
      else packages.push({ module: file, specifier });
    }
  }
  return { modules, packages };
}

const tfjs = (r: Reach) => r.packages.filter((p) => p.specifier.startsWith('@tensorflow/'));

describe('the SIMD engine’s import graph', () => {
  it('reaches no @tensorflow package from simdEngine.ts', () => {
    const simd = reach('/workers/engines/simdEngine.ts');
    expect(simd.modules).toContain('/workers/engines/netSetup.ts');
    expect(simd.modules).toContain('/workers/engines/simdKernel.ts');
    expect(tfjs(simd)).toEqual([]);
  });

  it('does reach tfjs from tfjsEngine.ts (the walk finds what is there)', () => {
    const specifiers = tfjs(reach('/workers/engines/tfjsEngine.ts')).map((p) => p.specifier);
    expect(specifiers).toContain('@tensorflow/tfjs-core');
  });

  it('skips type-only imports and follows the others', () => {
    const source = [
      "import type { A } from './a';",
      "import { b, type B } from './b';",
      "export type { C } from './c';",
      "export { d } from './d';",
      "import {\n  e,\n  f,\n} from './ef';",
      "import './side-effect';",
    ].join('\n');
    expect(valueImports(source).sort()).toEqual(['./b', './d', './ef', './side-effect']);
  });
});
