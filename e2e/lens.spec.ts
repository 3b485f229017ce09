// The kernel lens: the analytic Θ as an N x N heatmap on the training inputs and the row
// Θ(x₀, ·) through every test point; without trained nets the empirical parts are empty with a
// plain message; with them, the nets' empirical NTK at init within the bound of docs/science.md#finite-nets-vs-theory.
// x₀ is set by its control and by a click, and kept in the link.

import { SCHEMA } from '../src/params/schema';
import { expect, open, query, searchOf, test } from './fixtures';

/** the number of points in an SVG path "M…L…L…" */
const pointsIn = (d: string | null): number => (d ? d.split('L').length : 0);

test('the analytic heatmap and kernel row are drawn with one cell per training pair and one point per test input', async ({
  page,
}) => {
  await open(page, query({ nTrain: 12, nTest: 60 }));
  const lens = page.getByTestId('kernel-lens');
  await lens.scrollIntoViewIfNeeded();
  const theory = page.getByTestId('lens-heatmap-theory');
  await expect(theory).toHaveAttribute('data-n', '12');
  const canvas = theory.locator('canvas');
  await expect(canvas).toHaveAttribute('width', '12');
  await expect(canvas).toHaveAttribute('height', '12');
  // the canvas really was painted: its pixels are opaque, and not all the same colour
  const colours = await canvas.evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<string>();
    let opaque = true;
    for (let i = 0; i < px.length; i += 4) {
      seen.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
      if (px[i + 3] !== 255) opaque = false;
    }
    return { distinct: seen.size, opaque };
  });
  expect(colours.opaque).toBe(true);
  expect(colours.distinct).toBeGreaterThan(5);

  // no ensemble: the empirical heatmaps are empty, the errors have no value, a message says why
  await expect(page.getByTestId('lens-no-ensemble')).toBeVisible();
  await expect(page.getByTestId('lens-heatmap-init')).toHaveAttribute('data-n', '0');
  await expect(page.getByTestId('lens-heatmap-current')).toHaveAttribute('data-n', '0');
  await expect(page.getByTestId('lens-error-init')).toHaveAttribute('data-value', '');
  await expect(page.getByTestId('lens-error-current')).toHaveAttribute('data-value', '');

  const row = page.getByTestId('lens-row-analytic');
  await expect(row).toHaveAttribute('data-points', '60');
  expect(pointsIn(await row.getAttribute('d'))).toBe(60);
  expect(await page.getByTestId('lens-row-init').getAttribute('d')).toBe('');

  // hovering a cell shows its value
  await canvas.hover({ position: { x: 3, y: 3 } });
  await expect(page.getByTestId('lens-heatmap-theory-hover')).toContainText(/Θ\(.+\) = \d/);
});

test('x₀ follows its control and a click on the row plot, and lands in the link', async ({
  page,
}) => {
  await open(page, query({ nTrain: 8, nTest: 80 }));
  const marker = page.getByTestId('lens-x0-marker');
  await marker.scrollIntoViewIfNeeded();
  await expect(marker).toHaveAttribute('data-x0', '0');
  const xAt0 = Number(await marker.getAttribute('x1'));
  const row = page.getByTestId('lens-row-analytic');
  const rowAt0 = await row.getAttribute('d');

  const input = page.getByTestId('lens-x0');
  await input.fill('1.5');
  await input.press('Enter');
  await expect(marker).toHaveAttribute('data-x0', '1.5');
  expect(Number(await marker.getAttribute('x1'))).toBeGreaterThan(xAt0);
  await expect.poll(() => row.getAttribute('d')).not.toBe(rowAt0);
  await expect.poll(() => searchOf(page.url())[SCHEMA.lensX0.url]).toBe('1.5');
  // the sidebar's control is the same parameter
  await expect(page.getByTestId('param-lensX0')).toHaveValue('1.5');

  // a click far left of the plot area snaps x₀ to the left end of the plotted range
  const hit = page.getByTestId('lens-row-hit');
  const box = (await hit.boundingBox())!;
  await hit.click({ position: { x: 1, y: box.height / 2 } });
  const left = Number(await marker.getAttribute('data-x0'));
  expect(left).toBeLessThan(0);
  await expect.poll(() => searchOf(page.url())[SCHEMA.lensX0.url]).toBe(String(left));
  // a click in the middle of the plot lands near x = 0 (the grid is symmetric)
  await hit.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect
    .poll(async () => Math.abs(Number(await marker.getAttribute('data-x0'))))
    .toBeLessThanOrEqual(0.1);
  await expect(input).toHaveValue(String(Number(await marker.getAttribute('data-x0'))));
});

test('a link with x₀ on the circle draws the row against the angle', async ({ page }) => {
  await open(page, query({ dataset: 'circle', nTrain: 10, nTest: 40, lensX0: 1.25 }));
  const marker = page.getByTestId('lens-x0-marker');
  await marker.scrollIntoViewIfNeeded();
  await expect(marker).toHaveAttribute('data-x0', '1.25');
  await expect(page.getByTestId('lens-heatmap-theory')).toHaveAttribute('data-n', '10');
  await expect(page.getByTestId('lens-row-analytic')).toHaveAttribute('data-points', '40');
  await expect(page.getByTestId('lens-row-plot')).toContainText('angle γ');
});

test('with trained nets the empirical kernels fill in beside Θ, at init within the docs/science.md#finite-nets-vs-theory bound', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const E = 16;
  const width = 512;
  // opened from a link, the nets train at once
  await open(
    page,
    query({ activation: 'erf', depth: 1, width, nets: E, nTrain: 8, nTest: 40, lensX0: 0.5 }),
  );
  await expect(page.getByTestId('lens-no-ensemble')).toHaveCount(0, { timeout: 60_000 });
  for (const id of ['lens-heatmap-init', 'lens-heatmap-current', 'lens-heatmap-theory'])
    await expect(page.getByTestId(id)).toHaveAttribute('data-n', '8', { timeout: 30_000 });
  for (const id of ['lens-row-analytic', 'lens-row-init', 'lens-row-current'])
    await expect(page.getByTestId(id)).toHaveAttribute('data-points', '40', { timeout: 30_000 });
  // docs/science.md#finite-nets-vs-theory: mean empirical NTK at init vs Θ, relative Frobenius error
  const bound = (3 * 0.07 * Math.sqrt(1024 / width)) / Math.sqrt(E) + 0.01;
  const errInit = async () =>
    Number(await page.getByTestId('lens-error-init').getAttribute('data-value'));
  await expect.poll(errInit, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await errInit()).toBeLessThanOrEqual(bound);
  const initRow = await page.getByTestId('lens-row-init').getAttribute('d');
  await page.getByTestId('lens-x0').fill('-1');
  await page.getByTestId('lens-x0').press('Enter');
  await expect
    .poll(() => page.getByTestId('lens-row-init').getAttribute('d'), { timeout: 30_000 })
    .not.toBe(initRow);
  await expect(page.getByTestId('lens-row-init')).toHaveAttribute('data-points', '40');
});
