import { expect, test } from './quiet';
import { env, screenshot, signInWithToken, webPod } from './support';

test('a port-forward started from a pod shows one http:// link, and stops', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await page.getByRole('button', { name: /^Port forward 80 of / }).click();
  await page.getByRole('button', { name: 'Start forwarding' }).click();
  const link = page.getByRole('status').getByRole('link');
  await expect(link).toHaveText(/^127\.0\.0\.1:\d+$/);
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await screenshot(page, 'portforward-started');

  await page.getByRole('link', { name: 'See all port forwards' }).click();
  await expect(page).toHaveURL(/\/c\/dev\/portforwards$/);
  const row = page.getByRole('row').filter({ hasText: pod });
  await expect(row.getByRole('link', { name: /^127\.0\.0\.1:\d+$/ })).toHaveAttribute(
    'href',
    href ?? '',
  );
  await screenshot(page, 'portforwards-list');
  await row.getByRole('button', { name: /^Stop forwarding 127\.0\.0\.1:\d+$/ }).click();
  await expect(page.getByRole('row').filter({ hasText: pod })).toHaveCount(0);
});

test('the namespace-bound viewer is not offered port-forwards', async ({ page }) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await expect(page.getByRole('heading', { name: 'Ports' })).toBeVisible();
  // The access reviews that decide the button have answered once the page is quiet.
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('button', { name: /^Port forward / })).toHaveCount(0);
  await screenshot(page, 'portforward-viewer-pod');
});
