import { execFileSync } from 'node:child_process';
import { consoleErrors, expect, test } from './quiet';
import type { Page } from '@playwright/test';
import {
  apply,
  demoDeployment,
  env,
  expectAccessible,
  kubectl,
  screenshot,
  signInWithToken,
  unique,
} from './support';

/** How much wider than the window the page is (0 or less: not at all). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Screenshots in the light and the dark scheme. */
async function bothSchemes(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an admin deletes a ConfigMap from its row menu, after the confirmation', async ({ page }) => {
  const name = unique('e2e-rowmenu');
  kubectl('create', 'configmap', name, '-n', 'demo', '--from-literal=a=b');
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    const errors = consoleErrors(page);
    await page.goto(`/c/dev/r/core/v1/configmaps?ns=demo&q=${name}`);
    const table = page.getByRole('table', { name: 'ConfigMaps' });
    await expect(table.getByRole('link', { name })).toBeVisible();

    await table.getByRole('button', { name: `Actions for ${name}` }).click();
    const menu = page.getByRole('menu', { name: `Actions for ${name}` });
    await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Edit YAML' })).toBeVisible();
    await bothSchemes(page, 'list-row-menu');
    await expectAccessible(page);
    await menu.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ConfigMap ${name}?` });
    await expect(dialog).toContainText('in namespace demo');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText(
      `Deleted ConfigMap ${name}.`,
    );
    await expect(table.getByRole('link', { name })).toHaveCount(0);
    expect(kubectl('get', 'configmaps', '-n', 'demo', '-o', 'name')).not.toContain(name);
    expect(errors).toEqual([]);
  } finally {
    kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('an admin scales a Deployment from its row menu, with the keyboard', async ({ page }) => {
  const name = unique('e2e-rowscale');
  apply(demoDeployment(name));
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    const errors = consoleErrors(page);
    await page.goto(`/c/dev/r/apps/v1/deployments?ns=demo&q=${name}`);
    const table = page.getByRole('table', { name: 'Deployments' });
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name }) });
    await expect(row).toContainText('/1');

    // Enter opens the menu on its first item; arrows move; Escape gives focus back.
    const button = row.getByRole('button', { name: `Actions for ${name}` });
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: `Actions for ${name}` });
    await expect(menu.getByRole('menuitem', { name: 'Logs' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Edit YAML' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(button).toBeFocused();

    await page.keyboard.press('Space');
    await expect(menu.getByRole('menuitem', { name: 'Logs' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Scale' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Scale Deployment ${name}` });
    await expect(dialog.getByLabel('Replicas')).toHaveValue('1');
    await dialog.getByLabel('Replicas').fill('3');
    await dialog.getByRole('button', { name: 'Scale' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Scaled' })).toHaveText(
      `Scaled Deployment ${name} to 3 replicas.`,
    );
    // The Ready column (ready/desired) follows the watch.
    await expect(row.getByRole('cell').nth(1)).toHaveText(/\/3$/);
    expect(
      kubectl('get', 'deployment', name, '-n', 'demo', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('3');

    // Edit YAML opens the object's page with its editor.
    await button.click();
    await menu.getByRole('menuitem', { name: 'Edit YAML' }).click();
    await expect(page).toHaveURL(new RegExp(`/deployments/demo/${name}\\?edit=1$`));
    await expect(page.getByRole('textbox', { name: 'YAML' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Review changes' })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    kubectl('delete', 'deployment', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('a hidden column stays hidden after a reload until Reset columns', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const errors = consoleErrors(page);
  await page.goto('/c/dev/r/apps/v1/deployments?ns=demo');
  const table = page.getByRole('table', { name: 'Deployments' });
  const header = (name: string) => table.getByRole('columnheader', { name, exact: true });
  await expect(header('Available')).toBeVisible();
  await expect(header('Images')).toHaveCount(0);

  await page.getByRole('button', { name: 'Columns' }).click();
  const panel = page.getByRole('group', { name: 'Columns' });
  await expect(panel.getByRole('checkbox', { name: /^Name/ })).toBeDisabled();
  await panel.getByRole('checkbox', { name: 'Available' }).uncheck();
  await panel.getByRole('checkbox', { name: 'Images' }).check();
  await expect(header('Available')).toHaveCount(0);
  await expect(header('Images')).toBeVisible();
  await bothSchemes(page, 'list-columns');

  await page.reload();
  await expect(header('Images')).toBeVisible();
  await expect(header('Available')).toHaveCount(0);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('button', { name: 'Reset columns' }).click();
  await expect(header('Available')).toBeVisible();
  await expect(header('Images')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a long message wraps: its row grows and the page does not widen', async ({ page }) => {
  const name = unique('e2e-wrap');
  const message = `${name}: ${'a message long enough to need several lines in its cell; '.repeat(8)}`;
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  execFileSync(env('DEV_KUBECTL'), ['create', '-f', '-'], {
    input: JSON.stringify({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'demo' },
      involvedObject: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'demo', name },
      type: 'Normal',
      reason: 'E2eWrap',
      message,
      source: { component: 'lanthorn-e2e' },
      count: 1,
      firstTimestamp: at,
      lastTimestamp: at,
    }),
    env: process.env,
  });
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    const errors = consoleErrors(page);
    await page.goto(`/c/dev/r/core/v1/events?ns=demo&q=${name}`);
    const table = page.getByRole('table', { name: 'Events' });
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name }) });
    await expect(row).toContainText('several lines');
    const height = async () => (await row.boundingBox())?.height ?? 0;
    expect(await height()).toBeGreaterThan(50);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    // Nor does the table: it shares out its own box's width.
    const box = page.locator('.vtable');
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await bothSchemes(page, 'list-wrapped-message');

    // "Wrap text" wraps every cell, here the long name too; remembered for Events.
    const name1 = row.getByRole('link', { name });
    const before = (await name1.boundingBox())?.height ?? 0;
    await page.setViewportSize({ width: 900, height: 720 });
    await page.getByRole('button', { name: 'Wrap text' }).click();
    await expect(page.getByRole('button', { name: 'Wrap text' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect.poll(async () => (await name1.boundingBox())?.height ?? 0).toBeGreaterThan(before);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Wrap text' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.getByRole('button', { name: 'Wrap text' }).click();
    expect(errors).toEqual([]);
  } finally {
    kubectl('delete', 'event', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('the namespace-bound viewer is offered no Delete or Scale in a row menu', async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const errors = consoleErrors(page);
  await page.goto('/c/dev/r/apps/v1/deployments?ns=demo');
  const table = page.getByRole('table', { name: 'Deployments' });
  await table.getByRole('button', { name: 'Actions for web' }).click();
  const menu = page.getByRole('menu', { name: 'Actions for web' });
  // The view role reads logs and changes nothing.
  await expect(menu.getByRole('menuitem', { name: 'Logs' })).toBeVisible();
  for (const action of ['Edit YAML', 'Scale', 'Restart', 'Delete']) {
    await expect(menu.getByRole('menuitem', { name: action })).toHaveCount(0);
  }
  await bothSchemes(page, 'list-row-menu-viewer');
  await page.keyboard.press('Escape');

  await page.goto('/c/dev/r/core/v1/configmaps?ns=demo');
  const configmaps = page.getByRole('table', { name: 'ConfigMaps' });
  await configmaps
    .getByRole('button', { name: /^Actions for / })
    .first()
    .click();
  await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText(/^Nothing you may do/);
  await expect(page.getByRole('menu').getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
  await page.getByRole('menu').getByRole('menuitem').focus();
  await screenshot(page, 'list-row-menu-viewer-nothing');
  expect(errors).toEqual([]);
});
