// (d) A malformed link is repaired, visibly: the notice lists every repair, the page keeps
// working (no uncaught errors: the `errors` fixture checks), and the notice can be dismissed.

import type { Page } from '@playwright/test';
import { DEFAULT_PARAMS, SCHEMA } from '../src/params/schema';
import { decode, formatRepair } from '../src/params/url';
import { expect, expectControls, open, settledBand, test } from './fixtures';

// `activation` is not a link key (the link says `act`): this has both an unknown key and a bad
// choice. Repaired, it is depth 8 at the default η, above η_crit (≈ 0.085): GD diverges.
const MALFORMED = '?v=1&depth=99&activation=banana&act=banana&lr=abc&zzz=1&pts=1:2,foo';
// The same kinds of damage, repaired to a stable experiment (depth 1).
// width=inf: the theory alone (no finite nets train and move the time cursor)
const MALFORMED_STABLE =
  '?v=1&depth=0&act=banana&lr=abc&samples=99&zzz=1&pts=1:2,foo&bias=maybe&width=inf';

/** Opens a malformed link and checks its repair notice. */
async function openRepaired(page: Page, link: string, given: string[]): Promise<void> {
  await open(page, link);
  const notice = page.getByTestId('repair-notice');
  await expect(notice).toBeVisible();
  // what the user gave, in the notice's words
  for (const g of given) await expect(notice, `notice mentions ${g}`).toContainText(g);
  // and the app's own sentence for every repair
  const { repairs } = decode(link);
  expect(repairs.length).toBeGreaterThanOrEqual(given.length);
  for (const r of repairs) await expect(notice).toContainText(formatRepair(r));
}

async function dismissNotice(page: Page): Promise<void> {
  await page.getByTestId('repair-dismiss').click();
  await expect(page.getByTestId('repair-notice')).toBeHidden();
}

test('a malformed link shows what was repaired and still renders', async ({ page }) => {
  await openRepaired(page, MALFORMED, [
    '99',
    '“activation”',
    '“banana”',
    '“abc”',
    '“zzz”',
    '“foo”',
  ]);

  // the repaired values are in use
  await expectControls(page, {
    depth: SCHEMA.depth.range[1],
    activation: DEFAULT_PARAMS.activation,
    lr: DEFAULT_PARAMS.lr,
  });
  await expect(page.getByTestId('prior-band')).toHaveAttribute('d', /\d/);
  await expect(page.getByTestId('eta-warning')).toBeVisible();

  await dismissNotice(page);
  await expect(page.getByTestId('main-plot')).toBeVisible();
});

test('a malformed link repaired to a stable experiment draws the band', async ({ page }) => {
  await openRepaired(page, MALFORMED_STABLE, [
    '“banana”',
    '“abc”',
    '99',
    '“zzz”',
    '“foo”',
    '“maybe”',
  ]);
  await expectControls(page, {
    depth: SCHEMA.depth.range[0],
    samples: SCHEMA.samples.range[1],
    bias: DEFAULT_PARAMS.bias,
  });
  const band = await settledBand(page);
  await dismissNotice(page);
  expect(await settledBand(page)).toBe(band);
});

test('a valid link shows no repair notice', async ({ page }) => {
  await open(page, '?v=1&depth=3');
  await expect(page.getByTestId('theory-band')).toHaveAttribute('d', /\d/);
  await expect(page.getByTestId('repair-notice')).toBeHidden();
});
