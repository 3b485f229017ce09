// (b) Changing an architecture control recomputes the theory (a new band) and rewrites the link
// in place: history.replaceState, never a new history entry per change.

import type { ParamKey } from '../src/params/schema';
import { SCHEMA } from '../src/params/schema';
import { changeControl, expect, open, query, searchOf, settledBand, test } from './fixtures';

const CHANGES: [ParamKey, string | number][] = [
  ['width', 64],
  ['depth', 4],
  ['activation', 'relu'],
];

test('width, depth and activation each change the link in place and the band', async ({ page }) => {
  // Standard parameterisation: the only one where the width enters the kernels. Its NTK grows
  // with the width, so η must be small for gradient descent to stay stable (η_crit ≈ 0.0018 at
  // the default width 1024, 0.0026 at width 64, depth 4, relu): a diverging run draws no band.
  await open(page, query({ parameterization: 'standard', lr: 0.0002 }));
  const historyLength = await page.evaluate(() => history.length);
  let band = await settledBand(page);
  const seenBands = new Set([band]);

  for (const [key, value] of CHANGES) {
    await changeControl(page, key, value);
    const next = await settledBand(page);
    expect(next, `band after ${key} = ${value}`).not.toBe(band);
    expect(seenBands.has(next), `band after ${key} = ${value} is new`).toBe(false);
    seenBands.add(next);
    band = next;
    // the link is rewritten after a quiet moment
    await expect
      .poll(() => searchOf(page.url())[SCHEMA[key].url], { message: `link has ${key}` })
      .toBe(String(value));
    expect(searchOf(page.url())[SCHEMA.parameterization.url]).toBe('standard');
  }

  expect(await page.evaluate(() => history.length), 'no history entries added').toBe(historyLength);
  const expected = Object.fromEntries(
    CHANGES.map(([key, value]) => [SCHEMA[key].url, String(value)]),
  );
  expect(searchOf(page.url())).toMatchObject({
    v: '1',
    [SCHEMA.parameterization.url]: 'standard',
    ...expected,
  });
});
