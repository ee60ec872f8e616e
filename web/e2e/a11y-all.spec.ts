import { expect, test } from './quiet';
import type { Page } from '@playwright/test';
import { axeViolations, env, signInWithToken, webPod } from './support';

/**
 * axe-core on every page of the app, light and dark: the serious and critical violations
 * of all pages are gathered and reported together, so one run lists everything to fix.
 * (The resource map is left out until it lands.)
 */

test.describe.configure({ timeout: 15 * 60_000 });

const SCHEMES = ['light', 'dark'] as const;

/** Opens `path`, waits for `expected` in the page, and checks it in both themes. */
async function sweep(
  page: Page,
  found: string[],
  path: string,
  expected: RegExp,
  ready?: (page: Page) => Promise<void>,
): Promise<void> {
  await page.goto(path);
  await expect(page.locator('main')).toContainText(expected);
  await page.waitForLoadState('networkidle');
  if (ready !== undefined) await ready(page);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    for (const violation of await axeViolations(page))
      found.push(`${path} [${scheme}] ${violation}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The tabs of the object page at `path`, as `?tab=` values. */
async function tabsOf(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  const tabs = page.getByRole('tablist').getByRole('tab');
  await expect(tabs.first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  return (await tabs.allInnerTexts()).map((t) => t.trim().toLowerCase());
}

async function sweepObject(page: Page, found: string[], path: string, name: RegExp) {
  for (const tab of await tabsOf(page, path)) {
    const at = tab === 'overview' ? path : `${path}?tab=${tab}`;
    await sweep(page, found, at, name, async (p) => {
      if (tab === 'terminal') {
        await expect(p.getByRole('status').filter({ hasText: /Connected/ })).toBeVisible();
      }
      if (tab === 'logs') {
        await expect(p.getByRole('log').locator('.log-line').first()).toBeVisible();
      }
    });
  }
}

test('every page as the admin, light and dark', async ({ page }) => {
  const found: string[] = [];
  await sweep(page, found, '/', /dev/);
  await sweep(page, found, '/c/dev/sign-in', /ServiceAccount token/);
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await sweep(page, found, '/c/dev/sign-in', /Sign in as someone else/);
  await sweep(page, found, '/c/dev', /Nodes/);

  // Every kind the sidebar lists.
  await page.goto('/c/dev');
  const sidebar = page.getByRole('navigation', { name: 'Resources' });
  await expect(sidebar.locator('a[href*="/r/"]').first()).toBeVisible();
  const lists = await sidebar
    .locator('a[href*="/r/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(lists.length).toBeGreaterThan(20);
  for (const list of lists) await sweep(page, found, list, /./);

  const pod = webPod();
  await sweepObject(page, found, `/c/dev/r/core/v1/pods/demo/${pod}`, new RegExp(pod));
  await sweepObject(page, found, '/c/dev/r/apps/v1/deployments/demo/web', /Deployment web/);
  await sweepObject(page, found, '/c/dev/r/core/v1/nodes/_/kwok-node-1', /kwok-node-1/);
  await sweepObject(page, found, '/c/dev/r/core/v1/services/demo/api', /Service api/);

  await sweep(page, found, '/c/dev/events', /Events/);
  await sweep(page, found, '/c/dev/apps', /demo-app/);
  await sweep(page, found, '/c/dev/apps/demo/demo-app', /demo-app/);
  await sweep(page, found, '/c/dev/catalog', /Catalog|chart/i);
  await sweep(page, found, '/c/dev/create?ns=demo', /Create from YAML/);
  await sweep(page, found, '/c/dev/portforwards', /forward/i);
  await sweep(page, found, '/settings', /Default namespaces/);
  await sweep(page, found, '/c/dev/nothing-here', /no such page/);
  expect(found).toEqual([]);
});

test('the main pages as the namespace-bound viewer, light and dark', async ({ page }) => {
  const found: string[] = [];
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  await sweep(page, found, '/c/dev', /Pods/);
  await sweep(page, found, '/c/dev/r/core/v1/pods?ns=demo', /Running/);
  await sweep(page, found, '/c/dev/r/apps/v1/deployments?ns=demo', /web/);
  await sweepObject(page, found, `/c/dev/r/core/v1/pods/demo/${webPod()}`, /Pod/);
  await sweepObject(page, found, '/c/dev/r/apps/v1/deployments/demo/web', /Deployment web/);
  await sweep(page, found, '/c/dev/events', /Events/);
  await sweep(page, found, '/c/dev/apps', /Apps|Helm|release/i);
  await sweep(page, found, '/settings', /Default namespaces/);
  expect(found).toEqual([]);
});
