// The command-line runner, as the README documents it, and a number-by-number comparison of
// two JSON documents.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run --silent experiment -- <link> [flags]`: the Export JSON document for that link. */
export function runExperiment(link: string, flags: readonly string[] = []): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['run', '--silent', 'experiment', '--', link, ...flags],
      { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`npm run experiment failed: ${error.message}\n${stderr}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch (e) {
          reject(
            new Error(`npm run experiment printed no JSON (${String(e)}): ${stdout.slice(0, 200)}`),
          );
        }
      },
    );
  });
}

export interface CompareOptions {
  /** relative tolerance per number */
  rel: number;
  /** paths (`a.b.c`) not compared */
  skip?: readonly string[];
  /**
   * A magnitude below which a number at this path is compared absolutely (tolerance
   * rel · floor): for quantities computed by cancellation against a larger scale.
   */
  floor?: (path: string) => number;
}

/**
 * Every difference between `got` and `want`: same structure, equal strings/booleans/nulls,
 * numbers within rel · max(|got|, |want|, floor). The floor is the largest magnitude in the
 * enclosing array (a value that cancels to ~0 is not held to a relative bound) or opts.floor.
 */
export function differences(got: unknown, want: unknown, opts: CompareOptions): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string, scale: number): void => {
    if (out.length >= 20 || opts.skip?.includes(path)) return;
    if (typeof a === 'number' && typeof b === 'number') {
      const tol = opts.rel * Math.max(Math.abs(a), Math.abs(b), scale, opts.floor?.(path) ?? 0);
      if (!(Math.abs(a - b) <= tol) && !Object.is(a, b)) out.push(`${path}: ${a} vs ${b}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        out.push(`${path}: length ${a.length} vs ${b.length}`);
        return;
      }
      const s = Math.max(scale, ...a.map((x) => (typeof x === 'number' ? Math.abs(x) : 0)));
      a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, s));
      return;
    }
    if (
      a &&
      b &&
      typeof a === 'object' &&
      typeof b === 'object' &&
      !Array.isArray(a) &&
      !Array.isArray(b)
    ) {
      const ka = Object.keys(a).sort();
      const kb = Object.keys(b).sort();
      if (ka.join() !== kb.join()) out.push(`${path}: keys [${ka.join()}] vs [${kb.join()}]`);
      for (const k of ka) {
        if (Object.hasOwn(b, k)) {
          const pa = (a as Record<string, unknown>)[k];
          const pb = (b as Record<string, unknown>)[k];
          walk(pa, pb, path ? `${path}.${k}` : k, 0);
        }
      }
      return;
    }
    if (!Object.is(a, b)) out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  };
  walk(got, want, '', 0);
  return out;
}

/** How many numbers a document holds (to make sure a comparison compared something). */
export function countNumbers(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countNumbers(v), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + countNumbers(v), 0);
  return 0;
}
