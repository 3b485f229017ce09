// Play sweeps the time cursor from t = 0 to the end: the band moves, the link follows in place,
// and the sweep ends where it started (at K) with the same band. The loss plot is drawn.

import { expect, open, settledBand, test } from './fixtures';

test('Play sweeps t from 0 to K and ends on the same band', async ({ page }) => {
  await open(page);
  const historyLength = await page.evaluate(() => history.length);
  const atEnd = await settledBand(page);
  await expect(page.getByTestId('loss-plot')).toBeVisible();
  await expect(page.getByTestId('loss-plot').locator('path[d*="L"]').first()).toBeAttached();

  const play = page.getByTestId('play');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  const band = page.getByTestId('theory-band');
  // early in the sweep the band is the prior's width, not the trained one
  await expect.poll(() => band.getAttribute('d')).not.toBe(atEnd);

  // the sweep stops by itself at K
  await expect(play).toHaveAttribute('aria-pressed', 'false', { timeout: 30_000 });
  expect(await settledBand(page)).toBe(atEnd);
  expect(await page.evaluate(() => history.length), 'no history entries added').toBe(historyLength);
});

test('Pause stops the sweep where it is', async ({ page }) => {
  await open(page);
  const atEnd = await settledBand(page);
  const play = page.getByTestId('play');
  await play.click();
  const band = page.getByTestId('theory-band');
  await expect.poll(() => band.getAttribute('d')).not.toBe(atEnd);
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  const paused = await settledBand(page);
  expect(paused).not.toBe(atEnd);
  expect(await settledBand(page)).toBe(paused);
});
