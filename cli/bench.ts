// `npm run bench [-- theory]`: the app's benchmarks, one JSON line per configuration.
//   theory  control change → band: kernels + dynamics for 64 train / 256 test points at depth 8

import { benchTheory } from './benchTheory';

const which = process.argv.slice(2).filter((a) => a !== '--');
const all = which.length === 0;
const write = (line: string) => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  if (all || which.includes('theory')) await benchTheory(write);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
