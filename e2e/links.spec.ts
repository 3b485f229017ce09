// (a) A link is the experiment: every control shows the value the link gave.

import {
  expect,
  expectControls,
  open,
  query,
  settledBand,
  test,
  type LinkValues,
} from './fixtures';

/** Non-default values for every parameter that has a control in this configuration. */
const LINKED: LinkValues = {
  dataset: 'cubic',
  nTrain: 8,
  xMax: 2.5,
  noise: 0.1,
  nTest: 150,
  seed: 7,
  depth: 3,
  width: 256,
  activation: 'leaky_relu',
  alpha: 0.2,
  wStd: 1.25,
  bStd: 0.2,
  parameterization: 'standard',
  lr: 0.001,
  maxSteps: 500,
  diagReg: 0.01,
  mode: 'nngp',
  samples: 2,
  showInf: false,
};

test('a link with many non-default parameters sets every control', async ({ page }) => {
  await open(page, query(LINKED));
  await expectControls(page, LINKED);
  expect(await settledBand(page)).not.toBe('');
});

test('the time cursor, bias switch and the ABReLU slopes come from the link', async ({ page }) => {
  const linked: LinkValues = {
    activation: 'abrelu',
    abA: -0.5,
    abB: 1.5,
    bias: false,
    lr: 0.01,
    maxSteps: 400,
    cursor: 120,
  };
  await open(page, query(linked));
  await expectControls(page, linked);
  // σ_b has no effect without biases, so its control is hidden
  await expect(page.getByTestId('param-bStd')).toBeHidden();
});

test('custom training points come from the link', async ({ page }) => {
  const linked: LinkValues = {
    dataset: 'custom',
    points: [
      [-2, 0.5],
      [-0.5, -1],
      [1, 1],
      [2.5, -0.25],
    ],
  };
  await open(page, query(linked));
  await expectControls(page, linked);
  await expect(page.locator('[data-testid="main-plot"] .train-points circle')).toHaveCount(4);
});
