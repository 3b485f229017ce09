// (e) Export JSON gives the same numbers as the command-line runner for the same link (one
// engine: only float formatting may differ), and Copy link gives the link of the experiment.

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { exportParams } from '../src/formats/exportJson';
import { decode } from '../src/params/url';
import { countNumbers, differences, runExperiment } from './cli';
import {
  expect,
  expectExperiment,
  open,
  query,
  settledBand,
  test,
  waitForTheory,
  type LinkValues,
} from './fixtures';

const LINKED: LinkValues = {
  dataset: 'sinc',
  nTrain: 9,
  noise: 0.05,
  nTest: 64,
  depth: 3,
  activation: 'relu',
  wStd: 1.4,
  bStd: 0.1,
  lr: 0.1,
  maxSteps: 200,
  diagReg: 0.001,
  // the theory alone: 16 nets of width 1024 do not fit 16 MB, so none train (the CLI's link
  // output has no ensemble, and no training moves the time cursor while the test reads it)
  memoryMb: 16,
};

interface ExportDoc {
  app: string;
  link: string;
  params: Record<string, unknown>;
  theory: { std: number[][]; stdInf: number[]; priorStd: number[]; etaCrit: number };
}

/**
 * The document with each ±σ turned into its variance σ². Node's and Chromium's V8 differ in
 * the last bit of Math.exp, atan2, acos, … (measured: ≤ 2.2e-16 relative, on ~10 % of
 * arguments), and a variance is computed by cancellation, K(x,x) − …, so it carries those
 * differences at the scale of the prior variance, not its own: variances are compared at that
 * scale (and σ = √max(var, 0) of a variance that cancels to ~0 would magnify them further).
 */
function withVariances(doc: ExportDoc): ExportDoc {
  const sq = (v: number | null): number | null => (v === null ? null : v * v);
  return {
    ...doc,
    theory: {
      ...doc.theory,
      std: doc.theory.std.map((row) => row.map(sq)) as number[][],
      stdInf: doc.theory.stdInf.map(sq) as number[],
    },
  };
}

async function exportJson(page: Page): Promise<ExportDoc> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const path = await download.path();
  return JSON.parse(await readFile(path, 'utf8')) as ExportDoc;
}

test('Export JSON equals the CLI output for the same link', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, query(LINKED));
  await settledBand(page);
  const doc = await exportJson(page);

  expect(doc.app).toBe('ntk-playground');
  expect(doc.params).toMatchObject({
    depth: 3,
    activation: 'relu',
    lr: 0.1,
    nTest: 64,
    maxSteps: 200,
  });
  // the exported link reproduces this experiment (it may spell out defaults the page's link
  // leaves implicit, e.g. the time cursor k = K)
  expect(decode(doc.link).repairs).toEqual([]);
  expect(exportParams(decode(doc.link).params)).toEqual(doc.params);
  expect(decode(doc.link).params).toEqual(decode(page.url()).params);

  const cli = (await runExperiment(doc.link)) as ExportDoc;
  expect(exportParams(decode(cli.link).params)).toEqual(doc.params);
  expect(countNumbers(doc)).toBeGreaterThan(1000);
  const priorVar = Math.max(...doc.theory.priorStd.map((s) => s * s));
  const floor = (path: string): number => (/^theory\.std/.test(path) ? priorVar : 0);
  const diffs = differences(withVariances(doc), withVariances(cli), {
    rel: 1e-12,
    skip: ['link'],
    floor,
  });
  expect(diffs).toEqual([]);
});

test('Copy link copies the link that reproduces the experiment', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, query(LINKED));
  const band = await settledBand(page);
  await page.getByTestId('copy-link').click();
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard, { message: 'the clipboard holds a link' }).toMatch(/^https?:\/\//);
  const copied = await clipboard();
  expect(new URL(copied).origin).toBe(new URL(page.url()).origin);
  expect(decode(copied).repairs).toEqual([]);
  expect(decode(copied).params).toEqual(decode(page.url()).params);

  // a fresh page at the copied link shows the same experiment
  await page.goto(copied);
  await waitForTheory(page);
  await expectExperiment(page, LINKED, band);
});

test('with trained nets, Export JSON holds the ensemble the CLI’s --train gives, to the bit', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // small and quick: 4 nets of width 32 train to K = 40 on the engine `auto` picks here
  const link = query({ ...LINKED, memoryMb: 1024, width: 32, nets: 4, maxSteps: 40 });
  await open(page, link);
  await settledBand(page);
  await expect(page.getByTestId('ensemble-status')).toHaveAttribute('data-state', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('ensemble-backend')).toHaveAttribute('data-backend', 'simd');
  const doc = (await exportJson(page)) as ExportDoc & { ensemble?: Record<string, unknown> };
  expect(doc.ensemble).toBeDefined();
  const cli = (await runExperiment(doc.link, ['--train'])) as typeof doc;
  expect(cli.ensemble).toBeDefined();
  // the same fused kernel in the browser and in Node: float32 training is bit-identical
  expect(differences(doc.ensemble, cli.ensemble, { rel: 0 })).toEqual([]);
  expect((doc.ensemble!.t as number[]).at(-1)).toBe(40);
  expect(countNumbers(doc.ensemble)).toBeGreaterThan(1000);
});
