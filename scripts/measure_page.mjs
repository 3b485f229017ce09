// Times the built app on one link, as a user sees it: from opening the link to the status
// "Trained to K" (building the nets included), with the steps per second of the training alone
// and the longest main-thread task (PerformanceObserver 'longtask') while training.
// Serve a build first (npx vite preview --port P --outDir D), then:
//   node scripts/measure_page.mjs http://localhost:P/ '?v=1&steps=300'
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const [base = 'http://localhost:4173/', link = '?v=1'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const status = page.getByTestId('ensemble-status');
  const latest = async () => Number(await status.getAttribute('data-latest'));
  const t0 = Date.now();
  await page.goto(base + link);
  while ((await latest()) < 1) await page.waitForTimeout(50);
  const tTrain = Date.now();
  const step0 = await latest();
  await page.evaluate(() => (window.__longest = 0));
  await status.filter({ hasText: 'Trained to K' }).waitFor({ timeout: 3_600_000 });
  const t1 = Date.now();
  const steps = await latest();
  const longest = await page.evaluate(() => window.__longest);
  process.stdout.write(
    JSON.stringify({
      link,
      open_to_trained_s: (t1 - t0) / 1000,
      build_s: (tTrain - t0) / 1000,
      steps,
      steps_per_s: Math.round(((steps - step0) / ((t1 - tTrain) / 1000)) * 100) / 100,
      longest_task_ms: longest,
    }) + '\n',
  );
} finally {
  await browser.close();
}
