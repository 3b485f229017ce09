// `npm run experiment -- --case <file>`: read a reference-format case, print it with every output
// computed by the app's engine; with `--ensemble E [--seed S] [--memory-mb MB]` also train E
// finite nets on it (cli/runEnsemble.ts). `npm run experiment -- '<link or query>'`: print
// exactly the JSON the page's Export JSON gives for that link; with `--drift`, after running the
// link's NTK drift sweep. Errors: one line on stderr, exit code 1. Progress goes to stderr.

import { errorMessage } from '../src/core/errorMessage';
import { readFileSync } from 'node:fs';
import { parseCase } from '../src/formats/referenceCases';
import { parseArgs, type Command } from './args';
import { enableRelaxedSimd } from './relaxedSimd';
import { runCase } from './runCase';
import { runLink } from './runLink';

/** tfjs loads only when nets are trained (a plain case or link, or a bad flag, stays quick) */
async function useTfBackend(): Promise<void> {
  await (await import('./tfBackend')).useTfBackend();
}

function readCase(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read case file ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

async function run(cmd: Command): Promise<string> {
  if (cmd.kind === 'case') {
    const json = readCase(cmd.file);
    const out = runCase(json);
    if (!cmd.ensemble) return JSON.stringify(out);
    const input = parseCase(json);
    await useTfBackend();
    const { runEnsemble } = await import('./runEnsemble');
    return JSON.stringify({ ...out, ensemble: runEnsemble(input, cmd.ensemble) });
  }
  if (cmd.drift || cmd.train) await useTfBackend();
  const { json, repairs, notes } = await runLink(cmd.link, {
    ...(cmd.train
      ? {
          train: {
            onStep: (step: number, of: number) => {
              if (step > 0) console.error(`train: step ${step} of ${of}`);
            },
          },
        }
      : {}),
    ...(cmd.drift
      ? {
          drift: {
            memoryMb: cmd.memoryMb,
            onProgress: (p) => {
              if (p.at)
                console.error(
                  `drift: width ${p.at.width} (${p.at.index + 1} of ${p.plan.length}), ${Math.round(p.fraction * 100)} %`,
                );
            },
          },
        }
      : {}),
  });
  for (const r of repairs) console.error(`repaired: ${r}`);
  for (const n of notes) console.error(`note: ${n}`);
  return JSON.stringify(json);
}

async function main(argv: string[]): Promise<string> {
  // before any kernel compiles: the same SIMD kernel build as the page (cli/relaxedSimd.ts)
  enableRelaxedSimd();
  return run(parseArgs(argv));
}

main(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(out + '\n');
  },
  (e: unknown) => {
    const msg = errorMessage(e);
    process.stderr.write(`experiment: ${msg.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
