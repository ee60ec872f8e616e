// Time to content of the Helm pages, in a real Chromium: signs in with a ServiceAccount
// token, then opens each page five times and measures from navigation until the page's
// content is on screen. A benchmark, not a test: run it against a Lanthorn of your own.
//
//   LANTHORN_URL=http://127.0.0.1:4499 DEV_ADMIN_TOKEN=… node scripts/time-to-content.mjs
import { chromium } from '@playwright/test';

const base = process.env.LANTHORN_URL ?? 'http://127.0.0.1:4466';
const token = process.env.DEV_ADMIN_TOKEN;
if (!token) {
  console.error('time-to-content: set DEV_ADMIN_TOKEN (source target/dev/env)');
  process.exit(2);
}
const pages = [
  ['Apps (installed releases)', '/c/dev/apps', (p) => p.getByRole('link', { name: 'demo-app' })],
  ['a release', '/c/dev/apps/demo/demo-app', (p) => p.getByRole('table', { name: 'History' })],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}/c/dev/sign-in`);
  await page.getByLabel('ServiceAccount token').fill(token);
  const answered = page.waitForResponse((r) => r.url().endsWith('/set-token'));
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await answered;
  for (const [label, path, content] of pages) {
    const times = [];
    for (let i = 0; i < 5; i += 1) {
      const start = Date.now();
      await page.goto(`${base}${path}`);
      await content(page).waitFor({ timeout: 10_000 });
      times.push(Date.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: median ${times[2]} ms (${times.join(', ')} ms)`);
  }
} finally {
  await browser.close();
}
