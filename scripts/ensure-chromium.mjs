// Finds the Chromium that the Playwright e2e tests drive (`npm run test:e2e` runs this first).
// Playwright's own browser download is not used: the tests run in the system Chromium.
// Order: $CHROMIUM_PATH, then the candidates of chromium.mjs (shared with playwright.config.ts).
// If none is found and we are root on a Debian/Ubuntu machine, installs it with apt-get;
// otherwise prints the command to run and exits non-zero. No dependencies.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { CHROMIUM_CANDIDATES as CANDIDATES, isExecutable } from './chromium.mjs';

const HINT = 'run `sudo apt-get install -y chromium` or set CHROMIUM_PATH=/path/to/chromium';

const say = (line) => process.stdout.write(`ensure-chromium: ${line}\n`);
const fail = (line) => {
  process.stderr.write(`ensure-chromium: ${line}\n`);
  process.exit(1);
};

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv))
      fail(`CHROMIUM_PATH=${fromEnv} is not an executable file: fix it or unset it.`);
    return fromEnv;
  }
  return CANDIDATES.find(isExecutable);
}

function hasAptGet() {
  const r = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
  return r.status === 0 && (existsSync('/etc/debian_version') || existsSync('/etc/lsb-release'));
}

function aptInstall() {
  say('Chromium not found; installing it: apt-get update && apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0)
      fail(`\`apt-get ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}); ${HINT}`);
  }
}

let path = findChromium();
if (!path) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasAptGet()) {
    aptInstall();
    path = findChromium();
    if (!path)
      fail(`apt-get installed chromium but none of ${CANDIDATES.join(', ')} exists; ${HINT}`);
  } else {
    fail(`Chromium not found: ${HINT}`);
  }
}

let version = '';
try {
  version = execFileSync(path, ['--version'], {
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
} catch (e) {
  fail(
    `${path} --version failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); ${HINT}`,
  );
}
say(`using ${path}${version ? ` (${version})` : ''}`);
