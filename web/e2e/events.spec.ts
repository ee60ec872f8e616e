import { execFileSync } from 'node:child_process';
import { consoleErrors, expect, test } from './quiet';
import type { Locator, Page } from '@playwright/test';
import { env, expectAccessible, kubectl, screenshot, signInWithToken, unique } from './support';

const tag = unique('e2e-ev');
const suffix = tag.replace(/[^a-z0-9]/gi, '').slice(-6);
/** Three events about demo's web Deployment: oldest first; the newest is a warning. */
const made = [
  { name: `${tag}-old`, type: 'Normal', reason: `E2eOld${suffix}`, ago: 240 },
  { name: `${tag}-mid`, type: 'Normal', reason: `E2eMid${suffix}`, ago: 60 },
  { name: `${tag}-new`, type: 'Warning', reason: `E2eNew${suffix}`, ago: 5 },
];

function createEvents(uid: string): void {
  const items = made.map((e) => {
    const at = new Date(Date.now() - e.ago * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: e.name, namespace: 'demo' },
      involvedObject: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'demo',
        name: 'web',
        uid,
      },
      type: e.type,
      reason: e.reason,
      message: `${e.reason}: made by the browser tests, with a message long enough that it has to wrap inside its cell instead of making the table wider than the window it is shown in`,
      source: { component: 'lanthorn-e2e' },
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
    };
  });
  execFileSync(env('DEV_KUBECTL'), ['create', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    env: process.env,
  });
}

/** The reasons of a table's rows made by this test, in the order shown. */
async function ours(table: Locator): Promise<string[]> {
  const reasons = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  return reasons.filter((r) => r.endsWith(suffix));
}

/** The Events page narrowed to this file's events, which it lists newest first. */
async function openOurEvents(page: Page): Promise<Locator> {
  await page.goto('/c/dev/events');
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table).toBeVisible();
  // Other tests make events meanwhile: narrowed to this test's own.
  await page.getByLabel('Filter events').fill(suffix);
  await expect(table).toContainText(made[2]?.reason ?? '');
  expect(await ours(table)).toEqual([made[2]?.reason, made[1]?.reason, made[0]?.reason]);
  return table;
}

test.beforeAll(() => {
  createEvents(kubectl('get', 'deployment', 'web', '-n', 'demo', '-o', 'jsonpath={.metadata.uid}'));
});

test.afterAll(() => {
  kubectl('delete', 'events', '-n', 'demo', '--ignore-not-found', ...made.map((e) => e.name));
});

test('the Events page lists newest first, a warning coloured and its object linked', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  const table = await openOurEvents(page);

  const warning = table.getByRole('row').filter({ hasText: made[2]?.reason ?? '' });
  await expect(warning).toHaveClass(/event-Warning/);
  const type = warning.locator('.event-type');
  await expect(type).toHaveText('Warning');
  // Coloured: the warning's badge has the warning tone, unlike a Normal row's.
  const normal = table.getByRole('row').filter({ hasText: made[1]?.reason ?? '' });
  const colour = (cell: Locator) => cell.evaluate((el) => getComputedStyle(el).color);
  expect(await colour(type)).not.toBe(await colour(normal.locator('.event-type')));
  expect(await colour(type)).toBe('rgb(125, 78, 0)');
  await expect(warning.getByRole('link', { name: 'Deployment demo/web' })).toHaveAttribute(
    'href',
    '/c/dev/r/apps/v1/deployments/demo/web',
  );
  // The message wraps inside the table, which stays within the window.
  const width = await table.evaluate((el) => el.getBoundingClientRect().right);
  expect(width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 1280);

  await page.waitForLoadState('networkidle');
  await screenshot(page, 'events-admin');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await colour(type)).toBe('rgb(227, 179, 65)');
  await screenshot(page, 'events-admin-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByLabel('Warnings only').check();
  expect(await ours(table)).toEqual([made[2]?.reason]);
  await page.getByLabel('Warnings only').uncheck();
  await page.getByLabel('Filter events').fill('');
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);

  // The object's own page lists the same events, newest first.
  await warning.getByRole('link', { name: 'Deployment demo/web' }).click();
  await expect(page).toHaveURL(/\/deployments\/demo\/web$/);
  await page.getByRole('tab', { name: 'Events' }).click();
  const section = page.getByRole('table', { name: 'Events' });
  await expect(section).toContainText(made[0]?.reason ?? '');
  expect(await ours(section)).toEqual([made[2]?.reason, made[1]?.reason, made[0]?.reason]);
  await expect(section.getByRole('row').filter({ hasText: made[2]?.reason ?? '' })).toHaveClass(
    /event-Warning/,
  );
  await page.waitForLoadState('networkidle');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'deployment-events');
  expect(errors).toEqual([]);
});

test('the namespace-bound viewer sees the events of its namespace, quietly', async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const errors = consoleErrors(page);
  const table = await openOurEvents(page);
  await expect(page.locator('main')).not.toContainText('You may not list');
  await page.getByLabel('Filter events').fill('');
  // Only demo's events: none of another namespace.
  await expect(table.getByRole('row')).not.toHaveCount(4);
  const objects = await table.locator('tbody tr td.event-object').allTextContents();
  expect(objects.filter((o) => / staging\//.test(o))).toEqual([]);
  // However long the names and messages, the page is no wider than the window.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'events-viewer');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'events-viewer-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(errors).toEqual([]);
});
