// Shared e2e helpers. Every test gets `errors`: uncaught page errors and console errors (page
// and workers) fail the test at its end. Waiting is on the theory status element, never sleeps:
// `[data-testid=theory-status]` carries data-state ('computing' | 'ready' | 'error') and data-gen
// (the generation of the newest theory request).

import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_PARAMS, SCHEMA, URL_VERSION, type ParamKey } from '../src/params/schema';

export { expect };

/** Collect uncaught page errors and console errors (page and workers) of `page` into `errors`. */
export function watchErrors(page: Page, errors: string[]): void {
  const where = (url: string, line: number): string => (url ? ` (${url}:${line})` : '');
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error')
      errors.push(`console.error: ${m.text()}${where(m.location().url, m.location().lineNumber)}`);
  });
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') errors.push(`worker console.error: ${m.text()}`);
    });
  });
  page.on('crash', () => errors.push('page crashed'));
}

export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchErrors(page, errors);
      await use(errors);
      expect(errors, 'page errors / console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export type LinkValue = string | number | boolean | readonly (readonly [number, number])[];
export type LinkValues = Partial<Record<ParamKey, LinkValue>>;

/** A value as it is written in a link (hand-written here, not the app's encoder). */
function linkText(value: LinkValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.map(([x, y]) => `${x}:${y}`).join(',');
  return encodeURIComponent(String(value));
}

/** A link's query string from schema keys, `v=` first, then `extra` verbatim. */
export function query(values: LinkValues, extra = ''): string {
  const parts = [`v=${URL_VERSION}`];
  for (const [key, value] of Object.entries(values) as [ParamKey, LinkValue][]) {
    parts.push(`${SCHEMA[key].url}=${linkText(value)}`);
  }
  if (extra) parts.push(extra);
  return `?${parts.join('&')}`;
}

export const control = (page: Page, key: ParamKey): Locator => page.getByTestId(`param-${key}`);
export const status = (page: Page): Locator => page.getByTestId('theory-status');

/** The generation shown by the status element (0 if it has none yet). */
export async function currentGen(page: Page): Promise<number> {
  const gen = await status(page).getAttribute('data-gen');
  return gen === null ? 0 : Number(gen);
}

/**
 * Waits until the theory is ready with a generation newer than `after` (any generation if
 * omitted) and returns it. Fails at once with the status text if the theory reports an error.
 */
export async function waitForTheory(page: Page, after = -Infinity): Promise<number> {
  const handle = await page.waitForFunction(
    (after) => {
      const el = document.querySelector('[data-testid="theory-status"]');
      if (!el) return null;
      const state = el.getAttribute('data-state');
      const gen = Number(el.getAttribute('data-gen'));
      if (state === 'error') return { state, gen, text: el.textContent ?? '' };
      return state === 'ready' && gen > after ? { state, gen, text: '' } : null;
    },
    after,
    { timeout: 30_000 },
  );
  const result = (await handle.jsonValue()) as { state: string; gen: number; text: string };
  expect(result.state, `theory failed: ${result.text}`).toBe('ready');
  return result.gen;
}

/** Opens the app at a query string (or the default experiment) and waits for its theory. */
export async function open(page: Page, search = ''): Promise<number> {
  await page.goto(`/${search}`);
  return waitForTheory(page);
}

/**
 * The band's path once it has stopped changing. Prior samples, an off-grid time cursor and the
 * plot's layout may arrive a moment after the theory is ready, so the path is read every two
 * animation frames until it has been the same, and non-empty, four times in a row.
 */
export async function settledBand(page: Page): Promise<string> {
  const band = page.getByTestId('theory-band');
  let last: string | null = null;
  let same = 0;
  for (let i = 0; i < 100; i++) {
    await page.evaluate(
      () =>
        new Promise<void>((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 25))),
        ),
    );
    const d = await band.getAttribute('d');
    same = d && d === last ? same + 1 : 0;
    if (same >= 3) return d as string;
    last = d;
  }
  throw new Error(`theory band did not settle (last d: ${String(last).slice(0, 80)}…)`);
}

/**
 * What a control shows: a checkbox's state, or the text of its input/select. The time cursor is
 * a log slider whose position is not the step, so its step k is read from its aria-valuetext
 * ("t = …, k = 120 steps").
 */
export async function controlValue(page: Page, key: ParamKey): Promise<string | boolean> {
  const el = control(page, key);
  const type = await el.evaluate((node) => (node instanceof HTMLInputElement ? node.type : ''));
  if (type === 'checkbox') return el.isChecked();
  if (type === 'range' && key === 'cursor') {
    const text = (await el.getAttribute('aria-valuetext')) ?? '';
    return /\bk = (\d+)/.exec(text)?.[1] ?? `unreadable: ${text}`;
  }
  return el.inputValue();
}

/** Asserts that every control in `values` shows that value (numbers compared as numbers). */
export async function expectControls(page: Page, values: LinkValues): Promise<void> {
  for (const [key, value] of Object.entries(values) as [ParamKey, LinkValue][]) {
    await expect(control(page, key), `control param-${key}`).toBeVisible();
    const shown = await controlValue(page, key);
    if (typeof value === 'number') {
      expect(Number(shown), `param-${key} shows ${String(shown)}`).toBeCloseTo(value, 12);
    } else if (typeof value === 'boolean') {
      expect(shown, `param-${key}`).toBe(value);
    } else if (Array.isArray(value)) {
      expect(String(shown).replace(/\s+/g, ''), `param-${key}`).toBe(
        value.map(([x, y]) => `${x}:${y}`).join(','),
      );
    } else {
      expect(shown, `param-${key}`).toBe(value);
    }
  }
}

/** Sets a control the way a user would (select, checkbox, typing into a box, a slider). */
export async function setControl(
  page: Page,
  key: ParamKey,
  value: string | number | boolean,
): Promise<void> {
  const el = control(page, key);
  const kind = await el.evaluate((node) =>
    node instanceof HTMLSelectElement
      ? 'select'
      : node instanceof HTMLInputElement
        ? node.type
        : node.tagName,
  );
  if (kind === 'select') {
    await el.selectOption(String(value));
  } else if (kind === 'checkbox') {
    await el.setChecked(Boolean(value));
  } else if (kind === 'range') {
    // Sliders cannot be typed into: set the value through the native setter and fire the
    // events React listens to.
    await el.evaluate((node, v) => {
      const input = node as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, String(value));
  } else {
    await el.fill(String(value));
    await el.press('Enter');
  }
}

/** Sets a control and waits for the theory it starts; returns that theory's generation. */
export async function changeControl(
  page: Page,
  key: ParamKey,
  value: string | number | boolean,
): Promise<number> {
  const gen = await currentGen(page);
  await setControl(page, key, value);
  return waitForTheory(page, gen);
}

/** Asserts that the page shows an experiment seen before: its controls and its band. */
export async function expectExperiment(
  page: Page,
  values: LinkValues,
  band: string,
): Promise<void> {
  await expectControls(page, values);
  expect(await settledBand(page)).toBe(band);
}

/** The default of a parameter. */
export const defaultOf = <K extends ParamKey>(key: K): (typeof DEFAULT_PARAMS)[K] =>
  DEFAULT_PARAMS[key];

/** The query of a URL (or of a bare query string) as an object keyed by URL key. */
export function searchOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://localhost/').searchParams.entries());
}
