// `npm run experiment -- --case <file>`: read a reference-format case, print it with every output
// computed by the app's engine. `npm run experiment -- '<link or query>'`: print exactly the JSON
// the page's Export JSON gives for that link. Errors: one line on stderr, exit code 1.

import { readFileSync } from 'node:fs';
import { runCase } from './runCase';
import { runLink } from './runLink';

function usage(): string {
  return "usage: npm run experiment -- --case <file.json>  |  npm run experiment -- '<link or query string>'";
}

async function main(argv: string[]): Promise<string> {
  const args = argv.filter((a) => a !== '--');
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) throw new Error(usage());
  const caseAt = args.indexOf('--case');
  if (caseAt >= 0) {
    const file = args[caseAt + 1];
    if (!file) throw new Error('--case needs a file path');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`cannot read case file ${file}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    return JSON.stringify(runCase(json));
  }
  if (args.length !== 1) throw new Error(usage());
  const { json, repairs } = await runLink(args[0] as string);
  for (const r of repairs) console.error(`repaired: ${r}`);
  return JSON.stringify(json);
}

main(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(out + '\n');
  },
  (e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`experiment: ${msg.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
