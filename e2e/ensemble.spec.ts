// The finite ensemble in the page (docs/architecture.md#finite-ensemble): training starts from a link, the nets are drawn,
// the agreement panel fills, pause stops the steps, a new η restarts the same initial nets, a
// reload gives the same numbers, the backend is shown, and an over-budget combination is refused
// with a working fix. The main thread never blocks for more than 100 ms while training.

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, open, query, setControl, test, waitForTheory } from './fixtures';

// small enough to train in seconds on a loaded 2-core machine (every step 0…40 is recorded)
const SMALL = { width: 64, nets: 4, maxSteps: 40 } as const;

const ensembleState = (page: Page) => page.getByTestId('ensemble-status');

async function latestStep(page: Page): Promise<number> {
  return Number(await ensembleState(page).getAttribute('data-latest'));
}

async function waitForState(page: Page, state: string): Promise<void> {
  await expect(ensembleState(page)).toHaveAttribute('data-state', state, { timeout: 45_000 });
}

/** the longest main-thread task seen since the observer was installed (ms) */
async function installLongTaskProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

test('trains from a link, draws the nets, fills the agreement panel and keeps the page responsive', async ({
  page,
}) => {
  await installLongTaskProbe(page);
  await open(page, query(SMALL));
  // count from the first trained step: loading the page and building the nets is not training
  await expect.poll(() => latestStep(page), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.evaluate(() => {
    (window as unknown as { __longest: number }).__longest = 0;
  });
  await waitForState(page, 'done');
  await expect(page.getByTestId('ensemble-nets')).toHaveAttribute('data-count', '4');
  await expect(page.getByTestId('ensemble-step')).toHaveAttribute('data-step', '40');
  expect(await page.getByTestId('ensemble-mean').getAttribute('d')).toMatch(/^M/);
  expect(await page.getByTestId('ensemble-band').getAttribute('d')).toMatch(/^M/);
  const z = Number(await page.getByTestId('agreement-zmax').getAttribute('data-z'));
  expect(Number.isFinite(z)).toBe(true);
  expect(z).toBeGreaterThanOrEqual(0);
  await expect(page.getByTestId('agreement-panel')).toContainText(/sampling noise|differs/);
  // the backend that actually runs is named
  const backend = page.getByTestId('ensemble-backend');
  await expect(backend).toHaveAttribute('data-backend', /^(webgpu|webgl|simd|wasm|cpu)$/);
  await expect(backend).toContainText(/WebGPU|WebGL|WASM|CPU/);
  await expect(page.getByTestId('ensemble-memory')).toContainText('4 nets × width 64');
  await expect(page.getByTestId('ensemble-time')).toContainText('per step (measured)');
  await expect(page.getByTestId('loss-nets')).toHaveAttribute('data-count', '4');
  const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
  expect(longest, 'longest main-thread task while training (ms)').toBeLessThan(100);
});

test('pause stops the steps; a new η restarts training from the same initial nets', async ({
  page,
}) => {
  await open(page, query({ ...SMALL, maxSteps: 5000, lr: 0.05 }));
  await expect.poll(() => latestStep(page), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByTestId('ensemble-pause').click();
  await waitForState(page, 'paused');
  const paused = await latestStep(page);
  await page.waitForTimeout(600);
  expect(await latestStep(page)).toBe(paused);
  const step0 = await page.getByTestId('ensemble-step').getAttribute('data-mean0');
  expect(step0).toMatch(/\d/);
  const gen = Number(await page.getByTestId('theory-status').getAttribute('data-gen'));
  await setControl(page, 'lr', 0.1);
  await waitForTheory(page, gen);
  await expect(ensembleState(page)).toHaveAttribute('data-state', /training|done/);
  await expect.poll(() => latestStep(page), { timeout: 30_000 }).toBeGreaterThan(0);
  // the recorded step-0 ensemble is the same: the same nets, restarted
  await expect(page.getByTestId('ensemble-step')).toHaveAttribute('data-mean0', step0!);
});

test('reloading the link gives the identical experiment and recorded numbers', async ({ page }) => {
  await open(page, query({ ...SMALL, maxSteps: 20, seed: 5 }));
  await waitForState(page, 'done');
  const first = {
    mean0: await page.getByTestId('ensemble-step').getAttribute('data-mean0'),
    z: await page.getByTestId('agreement-zmax').getAttribute('data-z'),
    mean: await page.getByTestId('ensemble-mean').getAttribute('d'),
  };
  // Export JSON holds the recorded steps: every step 0…20, [T][M] means, [T][E] losses
  await expect(page.getByTestId('export-json')).toBeEnabled();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    data: { xTest: number[][] };
    ensemble: { width: number; size: number; seed: number; t: number[]; mean: number[][] } & {
      lossTrain: number[][];
      ntkInit: number[][];
      ntkDrift: number[];
    };
  };
  expect(doc.ensemble).toMatchObject({ width: 64, size: 4, seed: 5 });
  expect(doc.ensemble.t).toEqual(Array.from({ length: 21 }, (_, i) => i));
  expect(doc.ensemble.mean).toHaveLength(21);
  expect(doc.ensemble.mean[0]).toHaveLength(doc.data.xTest.length);
  expect(doc.ensemble.lossTrain[20]).toHaveLength(4);
  expect(doc.ensemble.ntkInit).toHaveLength(14);
  expect(doc.ensemble.ntkDrift[0]).toBe(0);
  expect(doc.ensemble.ntkDrift[20]).toBeGreaterThan(0);
  await page.reload();
  await waitForTheory(page);
  await waitForState(page, 'done');
  await expect(page.getByTestId('ensemble-step')).toHaveAttribute('data-step', '20');
  expect(await page.getByTestId('ensemble-step').getAttribute('data-mean0')).toBe(first.mean0);
  expect(await page.getByTestId('agreement-zmax').getAttribute('data-z')).toBe(first.z);
  expect(await page.getByTestId('ensemble-mean').getAttribute('d')).toBe(first.mean);
});

test('an ensemble over the memory budget is refused, and its fix button starts it', async ({
  page,
}) => {
  await open(page, query({ width: 4096, depth: 3, nets: 64, maxSteps: 3, memoryMb: 64 }));
  await waitForState(page, 'refused');
  const refusal = page.getByTestId('ensemble-refusal');
  await expect(refusal).toContainText('more than the memory budget');
  await expect(page.getByTestId('ensemble-nets')).toHaveAttribute('data-count', '0');
  // 64 nets of width 4096, depth 3: none fits in 64 MB at that width, a narrower width does
  await expect(page.getByTestId('ensemble-fix-nets')).toHaveCount(0);
  await page.getByTestId('ensemble-fix-width').click();
  await expect(ensembleState(page)).not.toHaveAttribute('data-state', 'refused');
  await waitForState(page, 'done');
  const width = Number(await page.getByTestId('param-width').inputValue());
  expect(width).toBeGreaterThan(1);
  expect(width).toBeLessThan(4096);
  await expect(page.getByTestId('ensemble-nets')).toHaveAttribute('data-count', '64');
});

test('a link whose run would take over a minute shows its estimate and waits for Train', async ({
  page,
}) => {
  // depth 999 is repaired to 8; at width 512, 16 nets take minutes to K = 1000 on any CPU today
  await open(page, '?v=1&depth=999&width=512');
  const why = page.getByTestId('ensemble-not-started');
  await expect(why).toContainText(/^This run would take about \d+(\.\d)? (min|h) here/, {
    timeout: 30_000,
  });
  await expect(why).toContainText('press Train to start it anyway');
  await expect(ensembleState(page)).toHaveAttribute('data-state', 'idle');
  await expect(ensembleState(page)).toHaveText('Not trained yet');
  await expect(page.getByTestId('ensemble-time')).toContainText(/per step \(estimate\); to K: ≈/);
  await page.waitForTimeout(2000);
  await expect(ensembleState(page)).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('ensemble-train').click();
  await expect(ensembleState(page)).toHaveAttribute('data-state', /starting|training/);
  await expect(why).toHaveCount(0);
});

test('width ∞ draws the theory alone; the standard parameterization has no ∞', async ({ page }) => {
  await open(page, query({}, 'width=inf'));
  await waitForState(page, 'off');
  await expect(page.getByTestId('ensemble-off')).toContainText('Width ∞');
  await expect(page.getByTestId('param-width')).toHaveValue('∞');
  await expect(page.getByTestId('ensemble-nets')).toHaveAttribute('data-count', '0');
  await page.goto(`/${query({ parameterization: 'standard', lr: 0.0002 }, 'width=inf')}`);
  await waitForTheory(page);
  await expect(page.getByTestId('repair-notice')).toContainText('only in the NTK parameterization');
  await expect(page.getByTestId('param-width')).toHaveValue('8192');
  await expect(page.getByTestId('width-note')).toContainText('there is no ∞');
});
