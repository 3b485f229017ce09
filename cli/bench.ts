// `npm run bench [-- training|theory|limits|estimate] [-- --quick]`: the app's benchmarks, one JSON line per
// configuration.
//   training (default)  the native_ensemble.py workload with the app's trainer in headless
//                       Chromium, against the native numpy baseline (cli/benchTraining.ts)
//   theory              control change → band: kernels + dynamics for 64 train / 256 test points
//                       at depth 8 (cli/benchTheory.ts)
//   limits              this machine's peak f32x4 multiply-add rate and streaming bandwidth, and
//                       each training configuration's flops and bytes per step (cli/benchLimits.ts)
//   estimate            the plan's time estimate vs the measured time per width 32 … 4096
//                       (cli/benchEstimate.ts); --widths=32,256 picks widths
//   --quick             ≥ 1 s per training configuration instead of ≥ 4 s
//   --kernel=K          the SIMD kernel build, plain or relaxed (default: what the app picks)
//   --repeat=R          R alternating browser/native rounds per configuration, best of each
//   --config E,L,n,N    train this workload (nets, hidden layers, width, training points)
//                       instead of the default list; may be given more than once

import { parseWorkload, type Workload } from '../src/bench/protocol';
import { errorMessage } from '../src/core/errorMessage';
import type { SimdKernelVariant } from '../workers/engines/simdKernel';
import { benchLimits } from './benchLimits';
import { benchEstimate, ESTIMATE_WIDTHS } from './benchEstimate';
import { benchTheory } from './benchTheory';
import { benchTraining } from './benchTraining';

const raw = process.argv.slice(2).filter((a) => a !== '--');
/** `--config E,L,n,N` and `--config=E,L,n,N`, each one workload */
const configTexts: string[] = [];
const args = raw.filter((a, i) => {
  if (a.startsWith('--config=')) configTexts.push(a.slice('--config='.length));
  else if (a === '--config') configTexts.push(raw[i + 1] ?? '');
  else return raw[i - 1] !== '--config';
  return false;
});
const which = args.filter((a) => !a.startsWith('--'));
const quick = args.includes('--quick');
const repeatArg = args.find((a) => a.startsWith('--repeat='));
const repeat = repeatArg ? Number(repeatArg.slice('--repeat='.length)) : 1;
const kernelArg = args.find((a) => a.startsWith('--kernel='))?.slice('--kernel='.length);
const widthsArg = args.find((a) => a.startsWith('--widths='));
const widths = widthsArg
  ? widthsArg.slice('--widths='.length).split(',').map(Number)
  : ESTIMATE_WIDTHS;
const write = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const unknown = which.filter((w) => !['training', 'theory', 'limits', 'estimate'].includes(w));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}`);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be an integer ≥ 1');
  if (kernelArg !== undefined && kernelArg !== 'plain' && kernelArg !== 'relaxed')
    throw new Error('--kernel must be plain or relaxed');
  const kernel: SimdKernelVariant | undefined = kernelArg;
  if (!widths.every((w) => Number.isInteger(w) && w >= 1))
    throw new Error('--widths must be a comma-separated list of positive integers');
  const configs: Workload[] = configTexts.map(parseWorkload);
  if (which.length === 0 || which.includes('training'))
    await benchTraining(write, {
      quick,
      repeat,
      ...(kernel ? { kernel } : {}),
      ...(configs.length > 0 ? { configs } : {}),
    });
  if (which.includes('theory')) await benchTheory(write);
  if (which.includes('limits')) await benchLimits(write);
  if (which.includes('estimate')) await benchEstimate(write, { quick, widths });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${errorMessage(e)}\n`);
  process.exitCode = 1;
});
