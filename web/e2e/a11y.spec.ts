import { expect, test } from './quiet';
import { env, expectAccessible, screenshot, signInWithToken } from './support';

test('the main pages have no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('row', { name: /^dev / })).toBeVisible();
  await screenshot(page, 'home');
  await expectAccessible(page);

  await page.goto('/c/dev/sign-in');
  await expect(page.getByLabel('ServiceAccount token')).toBeVisible();
  await screenshot(page, 'sign-in');
  await expectAccessible(page);

  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pages: [string, string, RegExp][] = [
    ['overview', '/c/dev', /Nodes/],
    ['deployments-list', '/c/dev/r/apps/v1/deployments?ns=demo', /web/],
    ['deployment-details', '/c/dev/r/apps/v1/deployments/demo/web', /web/],
    ['pods-list', '/c/dev/r/core/v1/pods', /Running/],
    ['widgets-list', '/c/dev/r/demo.lanthorn.dev/v1/widgets?ns=demo', /Widgets/],
    ['create', '/c/dev/create?ns=demo', /Create from YAML/],
    ['apps', '/c/dev/apps', /demo-app/],
  ];
  for (const [name, path, expected] of pages) {
    await page.goto(path);
    await expect(page.locator('main')).toContainText(expected);
    await page.waitForLoadState('networkidle');
    await screenshot(page, name);
    await expectAccessible(page);
  }
});
