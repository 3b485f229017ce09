// The kernel lens as far as the page draws it without a trained ensemble: the analytic Θ as an
// N x N heatmap on the training inputs, the row Θ(x₀, ·) through every test point, the empirical
// parts empty with a plain message, and x₀ set by its control and by a click, kept in the link.

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
