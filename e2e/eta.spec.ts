// (f) A learning rate above η_crit = 2N/λ_max (discrete GD diverges) shows the warning; below
// it, no warning. η_crit is read from the page's own Export JSON.

import { readFile } from 'node:fs/promises';
import { currentGen, expect, open, query, setControl, test, waitForTheory } from './fixtures';

test('η above η_crit shows the warning, below it does not', async ({ page }) => {
  await open(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    theory: { etaCrit: number };
  };
  const etaCrit = doc.theory.etaCrit;
  expect(etaCrit).toBeGreaterThan(0);

  const warning = page.getByTestId('eta-warning');
  await expect(warning).toBeHidden();

  const above = Number((1.5 * etaCrit).toPrecision(3));
  let gen = await currentGen(page);
  await setControl(page, 'lr', above);
  await waitForTheory(page, gen);
  await expect(warning).toBeVisible();

  const below = Number((0.5 * etaCrit).toPrecision(3));
  gen = await currentGen(page);
  await setControl(page, 'lr', below);
  await waitForTheory(page, gen);
  await expect(warning).toBeHidden();
});

test('a link with η above η_crit opens with the warning', async ({ page }) => {
  // the default experiment has η_crit ≈ 0.37; η = 500 is far above it
  await open(page, query({ lr: 500 }));
  await expect(page.getByTestId('eta-warning')).toBeVisible();
});

test('the warning offers a stable η and applying it clears the warning', async ({ page }) => {
  await open(page, query({ lr: 500 }));
  const warning = page.getByTestId('eta-warning');
  await expect(warning).toBeVisible();
  const gen = await currentGen(page);
  await page.getByTestId('eta-fix').click();
  await waitForTheory(page, gen);
  await expect(warning).toBeHidden();
  // the link follows after its debounce: η ≈ ½·η_crit of the default experiment (≈ 0.37)
  const linkedLr = () => Number(new URL(page.url()).searchParams.get('lr'));
  await expect.poll(linkedLr).toBeLessThan(1);
  expect(linkedLr()).toBeGreaterThan(0.1);
  await expect(page.getByTestId('param-lr')).toHaveValue(String(linkedLr()));
});
