import { expect, test } from './quiet';
import { env, expectAccessible, screenshot, signInWithToken, webPod } from './support';

test("a pod's logs stream, and search highlights and counts matches", async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await page.getByRole('group', { name: 'Actions' }).getByRole('link', { name: 'Logs' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/dev/logs/demo/pods/${pod}$`));
  await expect(page.getByRole('heading', { name: `Logs of Pod ${pod}` })).toBeVisible();

  // The demo's pods all stream dev/kwok/demo.log; the view follows its end.
  const lines = page.getByRole('log', { name: `Log lines of ${pod}` });
  await expect(lines.locator('.log-line').first()).toBeVisible();
  await expect(page.getByText(/^\d[\d,]* lines/)).toBeVisible();

  // Its first line is far above the view: finding it brings it in.
  await page.getByLabel('Search logs').fill('starting shop-service');
  await expect(page.getByRole('search').getByRole('status')).toHaveText('1 of 1 matching lines');
  await expect(lines.locator('.log-current')).toContainText('starting shop-service version=2.4.1');
  await expect(lines.locator('.log-current mark')).toHaveText('starting shop-service');

  await page.getByLabel('Search logs').fill('payment authorized');
  await expect(page).toHaveURL(/q=payment(%20|\+)authorized/);
  await expect(page.getByRole('search').getByRole('status')).toHaveText(
    /^\d+ of \d+ matching lines$/,
  );
  const marks = lines.locator('mark');
  await expect(marks.first()).toHaveText(/payment authorized/i);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByRole('search').getByRole('status')).toHaveText(
    /^1 of \d+ matching lines$/,
  );
  await page.getByLabel('Only matching lines').check();
  const shown = await lines.locator('.log-line').allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  for (const line of shown) expect(line.toLowerCase()).toContain('payment authorized');
  await screenshot(page, 'pod-logs-search');
  await expectAccessible(page);

  // Timestamps are shown on request; the cluster's RFC 3339 time leads each line.
  await page.getByLabel('Timestamps').check();
  await expect(lines.locator('.log-stamp').first()).toHaveText(/^\d{4}-\d\d-\d\dT/);

  // The previous container never ran: the cluster's refusal is shown (kwok's own words).
  await page.getByLabel('Previous container').check();
  await expect(page).toHaveURL(/previous=1/);
  await expect(page.getByRole('alert')).not.toBeEmpty();
});

test('the logs of a Deployment merge its pods with a prefix, and can be downloaded', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/apps/v1/deployments/demo/web');
  await page.getByRole('group', { name: 'Actions' }).getByRole('link', { name: 'Logs' }).click();
  await expect(page.getByRole('heading', { name: 'Logs of Deployment web' })).toBeVisible();
  const lines = page.getByRole('log', { name: 'Log lines of web' });
  await expect(lines.locator('.log-source').first()).toBeVisible();
  const prefixes = await lines.locator('.log-source').allInnerTexts();
  const pods = new Set(prefixes.map((p) => p.trim()));
  expect(pods.size).toBeGreaterThan(1);
  for (const prefix of pods) expect(prefix).toMatch(/^\[web-[a-z0-9]+-[a-z0-9]+\]$/);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('web-nginx.log');
});
