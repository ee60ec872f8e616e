import { expect, test } from './quiet';
import type { Page, WebSocket } from '@playwright/test';
import { env, expectAccessible, screenshot, signInWithToken, webPod } from './support';

interface Frame {
  type?: string;
  id?: unknown;
  path?: string;
}

/** Every JSON frame of the page's `/watch` sockets, both ways, as it happens. */
function watchFrames(page: Page): { sent: Frame[]; received: Frame[] } {
  const frames = { sent: [] as Frame[], received: [] as Frame[] };
  const parse = (payload: string | Buffer): Frame => {
    try {
      return JSON.parse(payload.toString()) as Frame;
    } catch {
      return {};
    }
  };
  page.on('websocket', (socket: WebSocket) => {
    if (!socket.url().endsWith('/watch')) return;
    socket.on('framesent', (frame) => frames.sent.push(parse(frame.payload)));
    socket.on('framereceived', (frame) => frames.received.push(parse(frame.payload)));
  });
  return frames;
}

test("a pod's Logs tab streams, searches, and stops streaming when left", async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const frames = watchFrames(page);
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/dev/r/core/v1/pods/demo/${pod}\\?tab=logs$`));
  await expect(page.getByRole('heading', { name: `Pod ${pod}` })).toBeVisible();

  // The demo's pods all stream dev/kwok/demo.log; the view follows its end.
  const lines = page.getByRole('log', { name: `Log lines of ${pod}` });
  await expect(lines.locator('.log-line').first()).toBeVisible();
  await expect(page.getByText(/^\d[\d,]* lines/)).toBeVisible();
  const logPath = `/api/v1/namespaces/demo/pods/${pod}/log`;
  const subscribed = frames.sent.find((f) => f.type === 'subscribe' && f.path === logPath);
  expect(subscribed).toBeDefined();

  // Its first line is far above the view: finding it brings it in.
  await page.getByLabel('Search logs').fill('starting shop-service');
  await expect(page.getByRole('search').getByRole('status')).toHaveText('1 of 1 matching lines');
  await expect(lines.locator('.log-current')).toContainText('starting shop-service version=2.4.1');
  await expect(lines.locator('.log-current mark')).toHaveText('starting shop-service');

  await page.getByLabel('Search logs').fill('payment authorized');
  await expect(page).toHaveURL(/tab=logs.*q=payment(%20|\+)authorized/);
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

  // Leaving the tab ends every log subscription (the socket stays: lists share it), and
  // the log's settings leave the address with it.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/dev/r/core/v1/pods/demo/${pod}$`));
  await expect(lines).toHaveCount(0);
  const logIds = frames.sent
    .filter((f) => f.type === 'subscribe' && f.path === logPath)
    .map((f) => f.id);
  expect(logIds.length).toBeGreaterThan(0);
  await expect
    .poll(() =>
      logIds.filter((id) => !frames.sent.some((f) => f.type === 'unsubscribe' && f.id === id)),
    )
    .toEqual([]);
  // No log line arrives for them any more.
  const after = frames.received.length;
  await page.waitForTimeout(1500);
  expect(
    frames.received.slice(after).filter((f) => f.type === 'log' && logIds.includes(f.id)),
  ).toEqual([]);

  // The previous container never ran: the cluster's refusal is shown (kwok's own words).
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByLabel('Previous container').check();
  await expect(page).toHaveURL(/tab=logs.*previous=1/);
  await expect(page.getByRole('alert')).not.toBeEmpty();
});

test("a Deployment's Logs tab picks one pod, or merges them all, and downloads", async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/apps/v1/deployments/demo/web');
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Logs' }).click();
  const picker = page.getByRole('combobox', { name: 'Pod', exact: true });
  await expect(picker).toBeVisible();
  const first = await picker.inputValue();
  expect(first).toMatch(/^web-/);
  const one = page.getByRole('log', { name: `Log lines of ${first}` });
  await expect(one.locator('.log-line').first()).toBeVisible();
  await expect(one.locator('.log-source')).toHaveCount(0);

  await picker.selectOption('*');
  await expect(page).toHaveURL(/tab=logs&pod=\*/);
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

test('old logs addresses land on the Logs tab with their settings', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/logs/demo/pods/${pod}?timestamps=1&q=payment`);
  await expect(page).toHaveURL(
    new RegExp(`/c/dev/r/core/v1/pods/demo/${pod}\\?tab=logs&timestamps=1&q=payment$`),
  );
  await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Timestamps')).toBeChecked();
  await expect(page.getByLabel('Search logs')).toHaveValue('payment');

  // A workload's old page showed all its pods, merged: so does the tab it lands on.
  await page.goto('/c/dev/logs/demo/deployments/web');
  await expect(page).toHaveURL(/\/c\/dev\/r\/apps\/v1\/deployments\/demo\/web\?tab=logs&pod=\*$/);
  await expect(
    page.getByRole('log', { name: 'Log lines of web' }).locator('.log-source').first(),
  ).toBeVisible();
  // Back goes to where the user was before the old address, not to it again.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/pods/demo/${pod}\\?tab=logs`));
});

test('the namespace-bound viewer reads logs in the Logs tab', async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}?tab=logs`);
  const lines = page.getByRole('log', { name: `Log lines of ${pod}` });
  await expect(lines.locator('.log-line').first()).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveCount(0);
  await screenshot(page, 'pod-logs-viewer');
  await expectAccessible(page);
});
