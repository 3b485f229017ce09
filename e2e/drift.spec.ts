// The NTK drift sweep in the page: a small sweep from a link fills in its points and a finite
// slope; Cancel stops a long sweep at once and keeps what it had; Export JSON then carries the
// sweep's `drift` numbers, and the CLI's `--drift` on the same link gives the same ones.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, open, query, test, type LinkValues } from './fixtures';

/** relu depth 1 (σ_w √2, σ_b 0.1), 12 points, η = 0.2 (η_crit ≈ 0.33); widths 32 … 256, 4 nets,
 * 20 steps: a few seconds in the page */
const SMALL: LinkValues = {
  nTrain: 12,
  depth: 1,
  activation: 'relu',
  wStd: 1.4142,
  bStd: 0.1,
  lr: 0.2,
  driftFrom: 32,
  driftTo: 256,
  driftNets: 4,
  driftSteps: 20,
};

interface DriftDoc {
  widths: number[];
  mean: number[];
  se: number[];
  slope: number;
  slopeSe: number;
}

const statusOf = (page: Page) => page.getByTestId('drift-status');

async function runSweep(page: Page): Promise<void> {
  await page.getByTestId('drift-run').click();
  await expect(statusOf(page)).toHaveAttribute('data-state', /running|done/);
  await expect(statusOf(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

/** `npm run --silent experiment -- <link> --drift`: the Export JSON with the sweep */
function cliDrift(link: string): Promise<{ drift?: DriftDoc }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['run', '--silent', 'experiment', '--', link, '--drift'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`experiment --drift failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as { drift?: DriftDoc });
      },
    );
  });
}

test('a small sweep fills in, exports its numbers, and the CLI gives the same slope', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const search = query(SMALL);
  await open(page, search);
  await expect(statusOf(page)).toHaveAttribute('data-state', 'idle');
  await runSweep(page);
  const marks = page.getByTestId('drift-plot').locator('.drift-mark');
  await expect(marks).toHaveCount(4);
  expect(
    await marks.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-width')))),
  ).toEqual([32, 64, 128, 256]);
  await expect(page.getByTestId('drift-init-plot').locator('.drift-mark')).toHaveCount(4);
  await expect(page.getByTestId('drift-plot-reference')).toHaveCount(1);
  const slopeEl = page.getByTestId('drift-slope');
  const slope = Number(await slopeEl.getAttribute('data-slope'));
  const slopeSe = Number(await slopeEl.getAttribute('data-slope-se'));
  expect(Number.isFinite(slope) && slope < 0).toBe(true);
  expect(slopeSe).toBeGreaterThan(0);
  await expect(slopeEl).toHaveText(/^slope = −\d\.\d\d ± \d\.\d\d$/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    link: string;
    drift?: DriftDoc;
  };
  expect(doc.drift).toBeDefined();
  const drift = doc.drift!;
  expect(drift.widths).toEqual([32, 64, 128, 256]);
  expect(drift.slope).toBe(slope);
  expect(drift.slopeSe).toBe(slopeSe);
  const means = await marks.evaluateAll((els) =>
    els.map((e) => Number(e.getAttribute('data-mean'))),
  );
  expect(drift.mean).toEqual(means);

  // the CLI on the page's own link: the same nets, trained by the same code in Node (float32
  // rounding may differ between tfjs backends, so the numbers agree to ~1e-4 relative)
  const cli = await cliDrift(doc.link);
  expect(cli.drift).toBeDefined();
  expect(cli.drift!.widths).toEqual(drift.widths);
  cli.drift!.mean.forEach((m, i) => expect(Math.abs(m / drift.mean[i]! - 1)).toBeLessThan(1e-3));
  expect(Math.abs(cli.drift!.slope - drift.slope)).toBeLessThan(1e-3);
  expect(Math.abs(cli.drift!.slopeSe - drift.slopeSe)).toBeLessThan(1e-3);

  // a change of the experiment keeps the points, marked stale, and leaves them out of the export
  await page.getByTestId('param-activation').selectOption('erf');
  await expect(page.getByTestId('drift-stale')).toContainText('Activation');
  await expect(marks).toHaveCount(4);
});

test('cancel stops a long sweep at once and keeps its points', async ({ page }) => {
  await open(
    page,
    // long: the wide nets of 2000 steps take minutes even on the fused SIMD engine
    query({ ...SMALL, depth: 2, driftFrom: 16, driftTo: 4096, driftNets: 8, driftSteps: 2000 }),
  );
  await page.getByTestId('drift-run').click();
  // wait for the first width to finish, then cancel in the middle of the next ones
  await expect
    .poll(() => page.getByTestId('drift-plot').locator('.drift-mark').count(), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(1);
  await expect(statusOf(page)).toHaveAttribute('data-state', 'running');
  await expect(statusOf(page)).toContainText(/Training width \d+ \(\d+ of 9\), net \d+/);
  // timed in the page, from the click to the status saying so (the worker is terminated, not
  // waited for, so this does not depend on how long a training step takes)
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const el = document.querySelector('[data-testid="drift-status"]')!;
        const button = document.querySelector<HTMLButtonElement>('[data-testid="drift-cancel"]')!;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (el.getAttribute('data-state') !== 'cancelled') return;
          observer.disconnect();
          resolve(performance.now() - t0);
        });
        observer.observe(el, { attributes: true });
        button.click();
        setTimeout(() => reject(new Error('not cancelled within 2 s')), 2000);
      }),
  );
  expect(ms).toBeLessThan(250);
  const kept = await page.getByTestId('drift-plot').locator('.drift-mark').count();
  expect(kept).toBeGreaterThanOrEqual(1);
  // nothing more arrives after the cancel
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('drift-plot').locator('.drift-mark')).toHaveCount(kept);
  await expect(statusOf(page)).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('drift-run')).toBeEnabled();
});
