// The experiment CLI's command line, validated: every flag and value is checked and a problem is
// one line (the caller prints it and exits with code 1).
//   --case <file> [--ensemble E [--seed S] [--memory-mb MB]]
//   '<link or query string>' [--train] [--drift [--memory-mb MB]]

import { MAX_ENSEMBLE } from '../src/core/ensembleCost';
import { SCHEMA } from '../src/params/schema';

/** the trainer's largest ensemble, for the --ensemble range */
export { MAX_ENSEMBLE };

/** the CLI's default memory budget for an ensemble: 4 GB in the CLI (docs/architecture.md#finite-ensemble) */
export const CLI_MEMORY_MB = 4096;
const MAX_SEED = SCHEMA.seed.range[1];

export type Command =
  | {
      kind: 'case';
      file: string;
      /** present with --ensemble */
      ensemble: { size: number; seed: number; memoryMb: number } | null;
    }
  | {
      kind: 'link';
      link: string;
      /** --train: train the link's finite nets to K as the page does (adds `ensemble`) */
      train: boolean;
      drift: boolean;
      /** --memory-mb for the sweep, or null to use the link's own budget (its `mem`) */
      memoryMb: number | null;
    };

export function usage(): string {
  return (
    'usage: npm run experiment -- --case <file.json> [--ensemble E [--seed S] [--memory-mb MB]]' +
    "  |  npm run experiment -- '<link or query string>' [--train] [--drift [--memory-mb MB]]"
  );
}

const VALUED = new Set(['--case', '--ensemble', '--seed', '--memory-mb']);
const SWITCHES = new Set(['--drift', '--train']);

function wholeNumber(flag: string, text: string, lo: number, hi: number): number {
  const v = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(v) || v < lo || v > hi)
    throw new Error(`${flag} must be a whole number in ${lo}..${hi}, got ${JSON.stringify(text)}`);
  return v;
}

function positive(flag: string, text: string): number {
  const v = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(v > 0) || !Number.isFinite(v))
    throw new Error(`${flag} must be a positive number of megabytes, got ${JSON.stringify(text)}`);
  return v;
}

/** Parse argv (npm's `--` separator dropped). Throws a one-line Error on anything wrong. */
export function parseArgs(argv: readonly string[]): Command {
  const args = argv.filter((a) => a !== '--');
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) throw new Error(usage());
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED.has(a)) {
      const value = args[i + 1];
      if (value === undefined || VALUED.has(value) || SWITCHES.has(value))
        throw new Error(`${a} needs a value`);
      if (flags.has(a)) throw new Error(`${a} is given twice`);
      flags.set(a, value);
      i++;
    } else if (SWITCHES.has(a)) {
      switches.add(a);
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}; ${usage()}`);
    } else {
      positional.push(a);
    }
  }
  const memory = flags.get('--memory-mb');
  const memoryMb = memory === undefined ? null : positive('--memory-mb', memory);
  const file = flags.get('--case');
  if (file !== undefined) {
    if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]} with --case`);
    for (const f of ['--drift', '--train'])
      if (switches.has(f)) throw new Error(`${f} works with a link, not with --case`);
    const size = flags.get('--ensemble');
    if (size === undefined) {
      for (const f of ['--seed', '--memory-mb'])
        if (flags.has(f)) throw new Error(`${f} needs --ensemble`);
      return { kind: 'case', file, ensemble: null };
    }
    const seed = flags.get('--seed');
    return {
      kind: 'case',
      file,
      ensemble: {
        size: wholeNumber('--ensemble', size, 2, MAX_ENSEMBLE),
        seed: seed === undefined ? 0 : wholeNumber('--seed', seed, 0, MAX_SEED),
        memoryMb: memoryMb ?? CLI_MEMORY_MB,
      },
    };
  }
  for (const f of ['--ensemble', '--seed'])
    if (flags.has(f)) throw new Error(`${f} works with --case <file>, not with a link`);
  if (positional.length !== 1) throw new Error(usage());
  const drift = switches.has('--drift');
  if (memoryMb !== null && !drift)
    throw new Error('--memory-mb needs --drift (or --case … --ensemble)');
  return { kind: 'link', link: positional[0]!, train: switches.has('--train'), drift, memoryMb };
}
