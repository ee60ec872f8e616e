import type { Locator, Page } from '@playwright/test';
import { consoleErrors, expect, test } from './quiet';
import { env, expectAccessible, screenshot, signInWithToken, webPod } from './support';

// The stack's metrics-server scrapes kwok every 15 s and needs two scrapes for a CPU rate,
// so a stack that has just come up may take about half a minute to answer.
const FIRST_SAMPLE = { timeout: 60_000 };

function usage(page: Page): Locator {
  return page.getByRole('region', { name: /Usage|Resource usage/ });
}

/** The number in a chart's text alternative, e.g. "CPU: now 31m of 200m, 2 samples over 15 s". */
async function samples(chart: Locator): Promise<number> {
  const label = (await chart.getAttribute('aria-label')) ?? '';
  const found = /, (\d+) samples? over/.exec(label);
  return found === null ? 0 : Number(found[1]);
}

test('a pod page charts its CPU and memory from the metrics API, over time and across pages', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  const pod = `/c/dev/r/core/v1/pods/demo/${webPod()}`;
  await page.goto(pod);
  const cpu = usage(page).getByRole('img', { name: /^CPU: now [1-9]\d*m/ });
  await expect(cpu).toBeVisible(FIRST_SAMPLE);
  await expect(usage(page).getByRole('img', { name: /^Memory: now [1-9]\d*Mi/ })).toBeVisible();
  // A second sample 15 s later makes it a line over time.
  await expect
    .poll(() => samples(cpu), { timeout: 40_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(2);
  const seen = await samples(cpu);
  // The history is kept while the user moves around: back on the page, it is all there at once.
  // In-app navigation (a page load would start a new app with nothing remembered).
  await page
    .getByRole('navigation')
    .getByRole('link', { name: 'Pods', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/pods$/);
  await page.goBack();
  await expect(usage(page).getByRole('img', { name: /^CPU: now/ })).toBeVisible();
  expect(await samples(usage(page).getByRole('img', { name: /^CPU: now/ }))).toBeGreaterThanOrEqual(
    seen,
  );
  await screenshot(page, 'metrics-pod-light');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'metrics-pod-dark');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test("node, workload and overview charts: a node against its allocatable, a Deployment's pods together, the cluster's nodes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await page.goto('/c/dev/r/core/v1/nodes/_/kwok-node-1');
  // dev/kwok/kwok.yaml gives every node 32 allocatable cores.
  await expect(
    usage(page).getByRole('img', { name: /^CPU: now (\d+m|[\d.]+ cores?) of 32 cores/ }),
  ).toBeVisible(FIRST_SAMPLE);
  await expect(usage(page)).toContainText('Scaled to the node’s allocatable.');

  await page.goto('/c/dev/r/apps/v1/deployments/demo/web');
  await expect(usage(page).getByRole('img', { name: /^CPU: now [1-9]\d*m/ })).toBeVisible(
    FIRST_SAMPLE,
  );
  await expect(usage(page)).toContainText('All of its pods together.');
  await screenshot(page, 'metrics-deployment-light');

  // The Nodes list has usage columns against each node's allocatable.
  await page.goto('/c/dev/r/core/v1/nodes');
  const row = page.getByRole('row').filter({ hasText: 'kwok-node-1' });
  await expect(page.getByRole('columnheader', { name: 'CPU' })).toBeVisible(FIRST_SAMPLE);
  await expect(row).toContainText(/\d+m|[\d.]+ cores?/);

  await page.goto('/c/dev');
  const card = page.getByRole('region', { name: 'Resource usage' });
  // Two nodes of 32 cores each.
  await expect(
    card.getByRole('img', { name: /^CPU: now (\d+m|[\d.]+ cores?) of 64 cores/ }),
  ).toBeVisible(FIRST_SAMPLE);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'metrics-overview-dark');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('the namespace-bound viewer sees the usage of its pods and of its namespace, never a refusal', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const errors = consoleErrors(page);
  const metricsCalls: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/metrics.k8s.io/') && response.status() === 403) {
      metricsCalls.push(response.url());
    }
  });
  await page.goto(`/c/dev/r/core/v1/pods/demo/${webPod()}`);
  await expect(usage(page).getByRole('img', { name: /^CPU: now [1-9]\d*m/ })).toBeVisible(
    FIRST_SAMPLE,
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'metrics-pod-viewer-dark');
  await page.goto('/c/dev');
  const card = page.getByRole('region', { name: 'Resource usage' });
  await expect(card.getByRole('img', { name: /^CPU: now [1-9]\d*m/ })).toBeVisible(FIRST_SAMPLE);
  await expect(card).toContainText('The pods in demo together.');
  await screenshot(page, 'metrics-overview-viewer-dark');
  await expectAccessible(page);
  expect(metricsCalls).toEqual([]);
  expect(errors).toEqual([]);
});
