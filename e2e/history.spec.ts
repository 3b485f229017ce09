// (c) The same link gives the same experiment: after a reload, and after going back/forward.

import {
  changeControl,
  currentGen,
  expect,
  expectControls,
  expectExperiment,
  open,
  query,
  searchOf,
  settledBand,
  test,
  waitForTheory,
  type LinkValues,
} from './fixtures';
import { SCHEMA } from '../src/params/schema';

// Both are stable (η < η_crit, for A also at depth 5): a diverging run draws no band.
const A: LinkValues = {
  dataset: 'sinc',
  depth: 3,
  activation: 'gelu',
  wStd: 1.75,
  lr: 0.005,
  maxSteps: 300,
  seed: 3,
  // the theory alone: no finite nets train, so the time cursor stays where the link put it
  width: '∞',
};
const B: LinkValues = {
  dataset: 'step',
  depth: 1,
  activation: 'relu',
  bStd: 0.5,
  lr: 0.05,
  nTrain: 10,
  width: '∞',
};

test('reload gives the identical experiment', async ({ page }) => {
  await open(page, query(A));
  const band = await settledBand(page);
  const url = page.url();

  await page.reload();
  await waitForTheory(page);
  expect(page.url()).toBe(url);
  await expectExperiment(page, A, band);
});

test('a control change survives a reload', async ({ page }) => {
  await open(page, query(A));
  await changeControl(page, 'depth', 5);
  const band = await settledBand(page);
  await expect.poll(() => searchOf(page.url())[SCHEMA.depth.url]).toBe('5');

  await page.reload();
  await waitForTheory(page);
  await expectExperiment(page, { ...A, depth: 5 }, band);
});

test('back and forward between two links restore each experiment', async ({ page }) => {
  await open(page, query(A));
  const bandA = await settledBand(page);
  await open(page, query(B));
  const bandB = await settledBand(page);
  expect(bandB).not.toBe(bandA);

  await page.goBack();
  await waitForTheory(page);
  await expectExperiment(page, A, bandA);

  await page.goForward();
  await waitForTheory(page);
  await expectExperiment(page, B, bandB);
});

test('back/forward within the page (popstate) loads that entry’s parameters', async ({ page }) => {
  await open(page, query(A));
  const bandA = await settledBand(page);
  // another entry of the same document, e.g. a link followed inside the app
  await page.evaluate((search) => history.pushState(null, '', search), query(B));
  await page.goBack();
  // popstate to the entry the page is already showing: nothing changes
  await expectControls(page, A);

  const gen = await currentGen(page);
  await page.goForward();
  await waitForTheory(page, gen);
  await expectControls(page, B);
  const bandB = await settledBand(page);
  expect(bandB).not.toBe(bandA);

  const genB = await currentGen(page);
  await page.goBack();
  await waitForTheory(page, genB);
  await expectExperiment(page, A, bandA);
});
