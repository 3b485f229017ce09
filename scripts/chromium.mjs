// Where the system Chromium is and how it is started headless on this kind of machine: the one
// place that the e2e config, the training bench and ensure-chromium.mjs read these from.
// Plain ESM without dependencies, so `node scripts/ensure-chromium.mjs` can load it as it is.
import { accessSync, constants } from 'node:fs';

/** where Debian and Ubuntu put Chromium (and Chrome), tried in this order after $CHROMIUM_PATH */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** headless flags that work without a GPU or a network (no sandbox: CI runs as root) */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** $CHROMIUM_PATH when set (executable or not: the caller reports it), else the first candidate */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || CHROMIUM_CANDIDATES.find(isExecutable);
}
