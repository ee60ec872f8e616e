import { allowConsoleErrors, expect, test } from './quiet';
import type { Page } from '@playwright/test';
import { env, expectAccessible, screenshot, signInWithToken, webPod } from './support';

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(17, 20, 24)';
const OBJECT = '/c/dev/r/apps/v1/deployments/demo/web';
const LIST = '/c/dev/r/core/v1/pods?ns=demo';

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });

/** The Created field of an object page's metadata. */
const created = (page: Page) =>
  page.locator('dt', { hasText: /^Created$/ }).locator('xpath=following-sibling::dd[1]');

/** The height of a list's first drawn row. */
async function firstRowHeight(page: Page): Promise<number> {
  const row = page.locator('.vtable tbody tr:not(.spacer)').first();
  await expect(row).toBeVisible();
  const box = await row.boundingBox();
  if (box === null) throw new Error('the row has no box');
  return box.height;
}

test('the header theme switch changes the page and is remembered after a reload', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(themeSelect(page)).toHaveValue('system');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);

  await themeSelect(page).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);

  await page.reload();
  await expect(themeSelect(page)).toHaveValue('dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);

  await themeSelect(page).selectOption('light');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
  await page.emulateMedia({ colorScheme: 'dark' });
  // An explicit choice wins over the system's.
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
});

test('"System" follows the browser\'s colour scheme as it changes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/settings');
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await bodyBackground(page)).toBe(LIGHT_BG);
});

test('settings change how times are shown and how tall list rows are; reset restores the defaults', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto(OBJECT);
  await expect(created(page)).toHaveText(/^\d+[smhdy] ago$/);
  await page.goto(LIST);
  const comfortable = await firstRowHeight(page);

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole('radio', { name: 'Date and time' }).check();
  await page.getByRole('radio', { name: 'UTC' }).check();
  await page.getByRole('radio', { name: 'Compact' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');

  await page.goto(OBJECT);
  await expect(created(page)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await page.goto(LIST);
  const compact = await firstRowHeight(page);
  expect(compact).toBeLessThan(comfortable - 2);
  // The age column is a date too.
  await expect(page.locator('.vtable tbody tr:not(.spacer)').first()).toContainText(/ UTC/);

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByRole('radio', { name: 'Relative (5m ago)' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Comfortable' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  expect(await page.evaluate(() => window.localStorage.getItem('lanthorn.settings'))).toBeNull();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'comfortable');
  await page.goto(OBJECT);
  await expect(created(page)).toHaveText(/ ago$/);
});

test('a hidden sidebar section is not drawn', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const sidebar = page.getByRole('navigation', { name: 'Resources' });
  await expect(sidebar.getByRole('button', { name: 'Storage' })).toBeVisible();
  await page.goto('/settings');
  await page.getByRole('checkbox', { name: 'Storage' }).uncheck();
  await page.goto('/c/dev');
  await expect(sidebar.getByRole('button', { name: 'Workloads' })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: 'Storage' })).toHaveCount(0);
});

for (const who of ['admin', 'viewer'] as const) {
  test(`screenshots and axe checks in light and dark, as the ${who}`, async ({ page }) => {
    await signInWithToken(page, env(who === 'admin' ? 'DEV_ADMIN_TOKEN' : 'DEV_VIEWER_TOKEN'));
    for (const theme of ['light', 'dark'] as const) {
      await page.goto('/settings');
      await page.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).check();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await screenshot(page, `settings-${theme}-${who}`);
      await expectAccessible(page);
      await page.goto(LIST);
      await expect(page.locator('.vtable tbody tr:not(.spacer)').first()).toBeVisible();
      await screenshot(page, `list-${theme}-${who}`);
      await expectAccessible(page);
      await page.goto(OBJECT);
      await expect(created(page)).toBeVisible();
      await screenshot(page, `object-${theme}-${who}`);
      await expectAccessible(page);
    }
  });
}

test('the server\'s own "Sign-in failed" page has the same look, light and dark', async ({
  page,
}) => {
  // A callback without the sign-in's state cookie: refused, and the browser logs its status.
  allowConsoleErrors(page, /status of 4\d\d/);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/oidc-callback?code=nothing&state=nothing');
    await expect(page.getByRole('heading', { name: 'Sign-in failed' })).toBeVisible();
    expect(await bodyBackground(page)).toBe(scheme === 'light' ? LIGHT_BG : DARK_BG);
    await screenshot(page, `sign-in-failed-${scheme}`);
  }
});

test('the YAML editor and the terminal follow the theme', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  for (const theme of ['light', 'dark'] as const) {
    await page.goto('/settings');
    await page.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).check();
    await page.goto(`${OBJECT}?edit=1`);
    const editor = page.locator('.yaml-editor-host .cm-editor');
    await expect(editor).toBeVisible();
    const editorBg = await editor.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(editorBg).toBe(theme === 'light' ? LIGHT_BG : DARK_BG);
    await screenshot(page, `yaml-editor-${theme}`);

    await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}?tab=terminal`);
    await expect(page.getByRole('status').filter({ hasText: /Connected/ })).toBeVisible();
    await screenshot(page, `terminal-${theme}`);
    // xterm.js paints its theme's background on its scrollable element.
    const terminalBg = await page
      .locator('.terminal-host .xterm-scrollable-element')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(terminalBg).toBe(theme === 'light' ? LIGHT_BG : 'rgb(11, 13, 16)');
  }
});
