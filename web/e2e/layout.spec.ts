import type { Page } from '@playwright/test';
import { expect, test } from './quiet';
import {
  apply,
  env,
  kubectl,
  openBulkDelete,
  screenshot,
  signInWithToken,
  unique,
  webPod,
} from './support';

/** The layout of issue 15 (item 4) and its notifications (item 5). */

const toggle = (page: Page) => page.getByRole('button', { name: /^(Collapse|Expand) sidebar$/ });
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, \d+ new$/ });

async function unseenCount(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) new/.exec(label)?.[1] ?? 'NaN');
}

/** What is in the window, for pages taller than a screenshot should be. */
async function viewportShot(page: Page, name: string): Promise<void> {
  const dir = process.env['LANTHORN_E2E_SCREENSHOTS'] ?? '../target/test-results/screenshots';
  await page.screenshot({ path: `${dir}/${name}.png` });
}

/** A Warning event about the demo's web Deployment, happening now, with a reason of its own. */
function warningEvent(reason: string): void {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  apply(`apiVersion: v1
kind: Event
metadata: {name: ${reason.toLowerCase()}, namespace: demo}
involvedObject: {apiVersion: apps/v1, kind: Deployment, namespace: demo, name: web}
type: Warning
reason: ${reason}
message: Made by the layout test to ring the bell
source: {component: e2e}
count: 1
firstTimestamp: "${now}"
lastTimestamp: "${now}"
`);
}

for (const who of ['admin', 'viewer'] as const) {
  const token = () => env(who === 'admin' ? 'DEV_ADMIN_TOKEN' : 'DEV_VIEWER_TOKEN');

  test(`the sidebar collapses and stays collapsed after a reload (${who})`, async ({ page }) => {
    await signInWithToken(page, token());
    const sidebar = page.getByRole('navigation', { name: 'Resources' });
    await expect(sidebar).toBeVisible();
    await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('button', { name: 'Collapse sidebar' }).click();
    await expect(sidebar).toBeHidden();
    await expect(page.getByRole('button', { name: 'Expand sidebar' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await page.reload();
    await expect(page.getByRole('button', { name: 'Expand sidebar' })).toBeVisible();
    await expect(sidebar).toBeHidden();
    await page.goto('/c/dev/r/core/v1/pods?ns=demo');
    await expect(page.getByRole('table', { name: 'Pods' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `layout-sidebar-collapsed-${who}-${scheme}`);
    }
    await page.getByRole('button', { name: 'Expand sidebar' }).click();
    await expect(sidebar).toBeVisible();
    await page.reload();
    await expect(sidebar).toBeVisible();
  });

  test(`an object page has tabs, reached by keyboard and by address (${who})`, async ({ page }) => {
    await signInWithToken(page, token());
    const pod = webPod();
    const url = `/c/dev/r/core/v1/pods/demo/${pod}`;
    await page.goto(url);
    const tabs = page.getByRole('tablist');
    // Logs for both (view includes pods/log), Terminal only for who may exec.
    await expect(tabs.getByRole('tab')).toHaveText(
      who === 'admin'
        ? ['Overview', 'YAML', 'Events', 'Logs', 'Terminal', 'Related']
        : ['Overview', 'YAML', 'Events', 'Logs', 'Related'],
    );
    const overview = tabs.getByRole('tab', { name: 'Overview' });
    await expect(overview).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toContainText('Containers');
    // The header names the object and its state in words.
    const header = page.locator('.details-header');
    await expect(header.getByRole('heading', { level: 1 })).toHaveText(`Pod ${pod}`);
    await expect(header).toContainText(/Running|Pending/);
    // By keyboard: focus the selected tab, arrow right to YAML.
    await overview.focus();
    await page.keyboard.press('ArrowRight');
    const yaml = tabs.getByRole('tab', { name: 'YAML' });
    await expect(yaml).toBeFocused();
    await expect(yaml).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/\?tab=yaml$/);
    await expect(page.getByRole('tabpanel', { name: 'YAML' })).toContainText(`name: ${pod}`);
    await page.keyboard.press('End');
    await expect(tabs.getByRole('tab', { name: 'Related' })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(overview).toHaveAttribute('aria-selected', 'true');
    // By address: a link (or a reload) with ?tab=events opens Events.
    await page.goto(`${url}?tab=events`);
    await expect(tabs.getByRole('tab', { name: 'Events' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.goto(`${url}?tab=yaml`);
    await expect(yaml).toHaveAttribute('aria-selected', 'true');
    await page.reload();
    await expect(yaml).toHaveAttribute('aria-selected', 'true');
    // The header stays at the top as the page scrolls.
    await page.mouse.wheel(0, 2000);
    await expect(header).toBeInViewport();
    await page.goto(url);
    await expect(page.getByRole('tabpanel')).toContainText('Containers');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `layout-object-tabs-${who}-${scheme}`);
    }
  });

  test(`at 800 px wide nothing scrolls sideways (${who})`, async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await signInWithToken(page, token());
    const noSideways = async () => {
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect(scroll).toBeLessThanOrEqual(client);
    };
    const sidebar = page.getByRole('navigation', { name: 'Resources' });
    // Narrow: the sidebar starts closed and opens over the page.
    await expect(sidebar).toBeHidden();
    await noSideways();
    for (const path of [
      '/c/dev/r/core/v1/pods?ns=demo',
      `/c/dev/r/core/v1/pods/demo/${webPod()}`,
      '/c/dev/r/apps/v1/deployments/demo/web?tab=related',
      '/c/dev/events',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await noSideways();
    }
    await page.goto(`/c/dev/r/core/v1/pods/demo/${webPod()}`);
    await expect(page.getByRole('tabpanel')).toContainText('Containers');
    await viewportShot(page, `layout-narrow-object-${who}`);
    await page.getByRole('button', { name: 'Expand sidebar' }).click();
    await expect(sidebar).toBeVisible();
    await noSideways();
    await viewportShot(page, `layout-narrow-sidebar-${who}`);
    await page.keyboard.press('Escape');
    await expect(sidebar).toBeHidden();
  });

  test(`the bell counts a Warning event made with kubectl; opening clears it (${who})`, async ({
    page,
  }) => {
    const reason = unique('E2eBell').replace(/-/g, '');
    await signInWithToken(page, token());
    // Look once, so only what happens from now on is new.
    await bell(page).click();
    await expect(page.getByRole('group', { name: 'Notifications' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(bell(page)).toHaveAccessibleName('Notifications, 0 new');
    await page.waitForTimeout(1500);
    warningEvent(reason);
    try {
      await page.reload();
      await expect.poll(() => unseenCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
      await bell(page).click();
      const panel = page.getByRole('group', { name: 'Notifications' });
      const item = panel.getByRole('listitem').filter({ hasText: reason });
      await expect(item).toContainText('Made by the layout test to ring the bell');
      await expect(item).toContainText('new');
      await expect(item.getByRole('link', { name: 'Deployment demo/web' })).toHaveAttribute(
        'href',
        '/c/dev/r/apps/v1/deployments/demo/web',
      );
      await expect(bell(page)).toHaveAccessibleName('Notifications, 0 new');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `layout-bell-panel-${who}-${scheme}`);
      }
      await page.keyboard.press('Escape');
      await page.reload();
      await expect(bell(page)).toHaveAccessibleName('Notifications, 0 new');
    } finally {
      kubectl('delete', 'event', reason.toLowerCase(), '-n', 'demo', '--ignore-not-found');
    }
  });
}

test('a bulk delete of two ConfigMaps says so in a toast', async ({ page }) => {
  const prefix = unique('e2e-toast').slice(0, 30);
  const [first, second] = [`${prefix}-a`, `${prefix}-b`];
  const names = [first, second];
  for (const name of names) kubectl('create', 'configmap', name, '-n', 'demo');
  try {
    const dialog = await openBulkDelete(page, prefix, names);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const toasts = page.getByRole('list', { name: 'Messages' });
    const toast = toasts.getByRole('status').filter({ hasText: 'Deleted 2 ConfigMaps' });
    await expect(toast).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    // Hovering keeps it; it is dismissed with its button.
    await toast.hover();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `layout-toast-admin-${scheme}`);
    }
    await page.waitForTimeout(7000);
    await expect(toast).toBeVisible();
    await toasts.getByRole('button', { name: 'Dismiss notification' }).first().click();
    await expect(toast).toHaveCount(0);
  } finally {
    for (const name of names)
      kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('a success toast hides by itself after a few seconds', async ({ page }) => {
  const prefix = unique('e2e-toast').slice(0, 30);
  const name = `${prefix}-a`;
  kubectl('create', 'configmap', name, '-n', 'demo');
  try {
    const dialog = await openBulkDelete(page, prefix, [name]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.mouse.move(0, 0);
    const toast = page.getByRole('status').filter({ hasText: 'Deleted 1 ConfigMap' });
    await expect(toast).toBeVisible();
    await expect(toast).toHaveCount(0, { timeout: 10_000 });
  } finally {
    kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
  }
});
