// (e) Export JSON gives the same numbers as the command-line runner for the same link (one
// engine: only float formatting may differ), and Copy link gives the link of the experiment.

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { SCHEMA } from '../src/params/schema';
import { countNumbers, differences, runExperiment } from './cli';
import { expect, open, query, searchOf, settledBand, test, type LinkValues } from './fixtures';

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
};

interface ExportDoc {
  app: string;
  link: string;
  params: Record<string, unknown>;
  theory: { mean: number[][]; etaCrit: number };
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
  // the exported link is this experiment's link
  const linked = Object.fromEntries(
    Object.entries(LINKED).map(([k, v]) => [SCHEMA[k as keyof typeof SCHEMA].url, String(v)]),
  );
  expect(searchOf(doc.link)).toEqual({ v: '1', ...linked });

  const cli = (await runExperiment(doc.link)) as ExportDoc;
  expect(searchOf(cli.link)).toEqual(searchOf(doc.link));
  expect(countNumbers(doc)).toBeGreaterThan(1000);
  expect(differences(doc, cli, { rel: 1e-12, skip: ['link'] })).toEqual([]);
});

test('Copy link copies the link that reproduces the experiment', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, query(LINKED));
  const band = await settledBand(page);
  await page.getByTestId('copy-link').click();
  const copied = await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()), {
      message: 'clipboard holds a link',
    })
    .toMatch(/^https?:\/\//)
    .then(() => page.evaluate(() => navigator.clipboard.readText()));
  expect(searchOf(copied)).toEqual(searchOf(page.url()));

  const other = await context.newPage();
  other.on('pageerror', (e) => {
    throw e;
  });
  await open(other, new URL(copied).search);
  expect(await settledBand(other)).toBe(band);
  await other.close();
});
