import { allowConsoleErrors, consoleErrors, expect, test } from './quiet';
import type { Page } from '@playwright/test';
import { env, screenshot, signInWithToken } from './support';

const WEB = '/c/dev/r/apps/v1/deployments/demo/web';

/** Opens the command palette with the keyboard and finds `text`; the first option is chosen. */
async function palette(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+k');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox', { name: 'Go to' });
  await expect(box).toBeFocused();
  await box.fill(text);
  return { dialog, box };
}

test('a deep link opened signed out lands on its page after a token sign-in', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(WEB);
  await expect(page).toHaveURL(/\/c\/dev\/sign-in\?return=/);
  // Signed out, the app knows from /config that the cluster would refuse: it asks nothing
  // on the way (no 401 from /me, no refused review in the console).
  await expect(page.getByLabel('ServiceAccount token')).toBeVisible();
  expect(errors).toEqual([]);
  await page.getByLabel('ServiceAccount token').fill(env('DEV_ADMIN_TOKEN'));
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await expect(page).toHaveURL(new RegExp(`${WEB}$`));
  await expect(page.getByRole('heading', { name: /web/ }).first()).toBeVisible();
  await expect(page.getByLabel('ServiceAccount token')).toHaveCount(0);
});

test('a deep link opened signed out lands on its page after an OIDC sign-in', async ({ page }) => {
  await page.goto(WEB);
  await expect(page).toHaveURL(/\/c\/dev\/sign-in\?return=/);
  await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
  await expect(page).toHaveURL(new RegExp(`^${env('DEV_OIDC_ISSUER')}`));
  await page.locator('input[name="username"]').fill(env('DEV_OIDC_ADMIN_USER'));
  await page.locator('input[name="password"]').fill(env('DEV_OIDC_ADMIN_PASSWORD'));
  await page.locator('input[name="password"]').press('Enter');
  await expect(page).toHaveURL(new RegExp(`${WEB}$`));
  await expect(page.getByRole('heading', { name: /web/ }).first()).toBeVisible();

  // The account menu: the user's name, groups, how they signed in, and sign out.
  const account = page.getByRole('button', { name: /^Account: admin@example\.com/ });
  await expect(account).toHaveText(/admin@example\.com/);
  await account.click();
  const panel = page.getByRole('group', { name: 'Account' });
  await expect(panel).toContainText('admin@example.com');
  await expect(panel.getByRole('list', { name: 'Groups' })).toContainText('cluster-admins');
  await expect(panel).toContainText('through your identity provider');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(account).toBeFocused();
  await account.click();
  // Signing out ends the provider's session too: the browser goes to its end-session page.
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${env('DEV_OIDC_ISSUER')}`));
  await page.goto('/c/dev/sign-in');
  await expect(page.getByLabel('ServiceAccount token')).toBeVisible();
});

test('the account menu signs a token user out', async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  await page.goto('/c/dev/r/core/v1/pods?ns=demo');
  const account = page.getByRole('button', {
    name: 'Account: system:serviceaccount:demo:demo-viewer',
  });
  await account.click();
  const panel = page.getByRole('group', { name: 'Account' });
  await expect(panel.getByRole('list', { name: 'Groups' })).toContainText(
    'system:serviceaccounts:demo',
  );
  await expect(panel).toContainText('with a ServiceAccount token');
  await panel.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/c\/dev\/sign-in$/);
  await expect(page.getByLabel('ServiceAccount token')).toBeVisible();
});

test('a bare sign-in lands on the overview; the sign-in page, visited again, leads with who you are', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  await expect(page).toHaveURL(/\/c\/dev$/);
  await expect(page.getByRole('region', { name: 'Overview' })).toBeVisible();
  await expect(page.getByLabel('ServiceAccount token')).toHaveCount(0);
  await page.goto('/c/dev/sign-in');
  await expect(page.getByText('Signed in as')).toContainText('demo-viewer');
  await expect(page.getByRole('heading', { name: 'Sign in as someone else' })).toBeVisible();
});

test('the palette opens with Ctrl-K and Enter goes to the Deployment typed', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev');
  await expect(page.getByRole('region', { name: 'Overview' })).toBeVisible();
  const { dialog, box } = await palette(page, 'web');
  const listbox = dialog.getByRole('listbox');
  await expect(listbox.getByRole('option').first()).toContainText('Deployment in demo');
  await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${WEB}$`));
  await expect(dialog).toHaveCount(0);

  // ReplicaSets are found too.
  await palette(page, 'web-');
  await expect(
    page
      .getByRole('dialog')
      .getByRole('listbox')
      .getByRole('option', { name: /ReplicaSet in demo/ })
      .first(),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  // Actions: "logs web" goes to the Deployment's logs; "go to nodes" to the list.
  await palette(page, 'logs web');
  await expect(
    page
      .getByRole('dialog')
      .getByRole('listbox')
      .getByRole('option', { name: /web.*Logs of Deployment in demo/ })
      .first(),
  ).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/c\/dev\/r\/apps\/v1\/deployments\/demo\/web\?tab=logs/);
  await palette(page, 'go to nodes');
  await expect(
    page.getByRole('dialog').getByRole('listbox').getByRole('option').first(),
  ).toContainText('Nodes');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/c\/dev\/r\/core\/v1\/nodes$/);

  // Remembered: opened empty, the palette lists what was chosen, latest first.
  await page.keyboard.press('ControlOrMeta+k');
  await expect(
    page.getByRole('dialog').getByRole('listbox').getByRole('option').first(),
  ).toContainText('Nodes');
  // Esc closes it; Tab does not leave it while it is open.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Go to' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
});

test('an object page has breadcrumbs: cluster › kind › namespace › name', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto(WEB);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'dev' })).toHaveAttribute('href', '/c/dev');
  await expect(crumbs.getByRole('link', { name: 'Deployments' })).toBeVisible();
  await expect(crumbs.getByRole('link', { name: 'demo' })).toHaveAttribute(
    'href',
    '/c/dev/r/apps/v1/deployments?ns=demo',
  );
  await expect(crumbs.getByText('web')).toHaveAttribute('aria-current', 'page');
  await crumbs.getByRole('link', { name: 'Deployments' }).click();
  await expect(page).toHaveURL(/\/c\/dev\/r\/apps\/v1\/deployments$/);
  // The cluster's name in the header goes to the overview.
  await page.locator('header').getByRole('link', { name: 'dev', exact: true }).click();
  await expect(page).toHaveURL(/\/c\/dev$/);
});

test("the namespace-bound viewer's sidebar lists every kind it may list", async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  await page.goto('/c/dev');
  const nav = page.getByRole('navigation', { name: 'Resources' });
  for (const name of ['Pods', 'Deployments', 'ReplicaSets', 'ConfigMaps', 'Secrets']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  // Looking into a namespace it may not read does not take the kinds away.
  allowConsoleErrors(page, /status of 403 .*\/namespaces\/kube-system\/pods/);
  await page.goto('/c/dev/r/core/v1/pods?ns=kube-system');
  await expect(nav.getByRole('link', { name: 'Deployments', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'ConfigMaps', exact: true })).toBeVisible();
});

for (const who of ['admin', 'viewer'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshots: header, palette and breadcrumbs as the ${who}, ${scheme}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await signInWithToken(page, env(who === 'admin' ? 'DEV_ADMIN_TOKEN' : 'DEV_VIEWER_TOKEN'));
      await page.goto(WEB);
      await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible();
      await expect(page.getByRole('heading', { name: /web/ }).first()).toBeVisible();
      // The page keeps a live socket open: let what it reads settle instead of waiting for quiet.
      await expect(page.getByText('Loading…')).toHaveCount(0);
      await page.waitForTimeout(1500);
      await screenshot(page, `navigation-${who}-${scheme}-breadcrumbs`);

      await page.getByRole('button', { name: /^Account/ }).click();
      await expect(page.getByRole('group', { name: 'Account' })).toBeVisible();
      await screenshot(page, `navigation-${who}-${scheme}-account`);
      await page.keyboard.press('Escape');

      await palette(page, 'web');
      await expect(
        page.getByRole('dialog').getByRole('listbox').getByRole('option').first(),
      ).toContainText('web');
      await expect(page.getByText('Looking through the objects you may list…')).toHaveCount(0);
      await screenshot(page, `navigation-${who}-${scheme}-palette`);
    });
  }
}
