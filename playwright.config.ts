// End-to-end tests against the built app (`vite build` first; `npm run test:e2e` does both)
// in the system Chromium: Playwright's browser download is not used.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';

// scripts/ensure-chromium.mjs (run first by `npm run test:e2e`) installs Chromium when missing.
const executablePath = chromiumPath();

// E2E_PORT / E2E_OUT_DIR let a second checkout (or a second person in this one) test its own
// build without reusing another preview server or another build in dist/.
const PORT = Number(process.env.E2E_PORT || 4173);
const OUT_DIR = process.env.E2E_OUT_DIR;
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // Tests must be deterministic: a retry would hide a flaky test.
  retries: 0,
  // Two shared cores: one browser at a time leaves the other core to the app's workers.
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  // a hung run must not eat the CI budget (.ci/run must finish in 20 minutes on 2 cores)
  globalTimeout: process.env.CI ? 12 * 60_000 : 0,
  expect: { timeout: 20_000 },
  outputDir: 'test-results',
  use: {
    baseURL,
    acceptDownloads: true,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort${OUT_DIR ? ` --outDir ${OUT_DIR}` : ''}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
