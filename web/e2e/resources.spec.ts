import { allowConsoleErrors, expect, test } from './quiet';
import {
  editorText,
  env,
  kubectl,
  restartLanthorn,
  screenshot,
  setEditorText,
  signInWithToken,
  unique,
} from './support';

test('an admin creates, edits with a diff, and deletes a ConfigMap', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const name = unique('e2e-cm');
  await page.goto('/c/dev/create?ns=demo');
  await setEditorText(
    page,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  greeting: hello\n`,
  );
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results).toContainText(name);
  expect(kubectl('get', 'configmap', name, '-n', 'demo', '-o', 'jsonpath={.data.greeting}')).toBe(
    'hello',
  );

  await page.goto(`/c/dev/r/core/v1/configmaps/demo/${name}`);
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const text = await editorText(page);
  expect(text).toContain('greeting: hello');
  await setEditorText(page, text.replace('greeting: hello', 'greeting: bonjour'));
  await page.getByRole('button', { name: 'Review changes' }).click();
  const diff = page.getByRole('region', { name: 'Diff' });
  await expect(diff.locator('.diff-add')).toContainText('greeting: bonjour');
  await expect(diff.locator('.diff-del')).toContainText('greeting: hello');
  await screenshot(page, 'edit-yaml-diff');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(() => kubectl('get', 'configmap', name, '-n', 'demo', '-o', 'jsonpath={.data.greeting}'))
    .toBe('bonjour');

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/c\/dev\/r\/core\/v1\/configmaps/);
  await expect
    .poll(() => kubectl('get', 'configmaps', '-n', 'demo', '-o', 'name'))
    .not.toContain(`configmap/${name}`);
});

test('a list shows objects created elsewhere without reload, and recovers after a server restart', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/core/v1/configmaps?ns=demo');
  const list = page.getByRole('region', { name: 'ConfigMaps' });
  await expect(list.getByRole('status')).toHaveText('Live');
  await screenshot(page, 'configmaps-list');

  const first = unique('e2e-live');
  kubectl('create', 'configmap', first, '-n', 'demo', '--from-literal=a=b');
  await expect(list.getByRole('link', { name: first })).toBeVisible();
  kubectl('delete', 'configmap', first, '-n', 'demo');
  await expect(list.getByRole('link', { name: first })).toHaveCount(0);

  // While Lanthorn restarts, the page's watch socket is refused: that is what is tested.
  allowConsoleErrors(page, /WebSocket connection to '.*\/watch' failed/, /ERR_CONNECTION_REFUSED/);
  restartLanthorn();
  await expect(list.getByRole('status')).toHaveText('Live', { timeout: 30_000 });
  const second = unique('e2e-after-restart');
  kubectl('create', 'configmap', second, '-n', 'demo', '--from-literal=a=b');
  try {
    await expect(list.getByRole('link', { name: second })).toBeVisible({ timeout: 30_000 });
  } finally {
    kubectl('delete', 'configmap', second, '-n', 'demo', '--ignore-not-found');
  }
});

test('the viewer sees no Edit, Delete, Scale or Restart, and no Secrets outside demo', async ({
  page,
}) => {
  // The admin, for contrast, is offered every action on a Deployment.
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/apps/v1/deployments/demo/web');
  const adminActions = page.getByRole('group', { name: 'Actions' });
  for (const action of ['Edit YAML', 'Scale', 'Restart', 'Delete']) {
    await expect(adminActions.getByRole('button', { name: action })).toBeVisible();
  }

  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  await page.goto('/c/dev/r/apps/v1/deployments/demo/web');
  await expect(page.getByRole('heading', { name: /web/ }).first()).toBeVisible();
  // Let the access reviews answer before checking what is absent.
  await page.waitForLoadState('networkidle');
  for (const action of ['Edit YAML', 'Scale', 'Restart', 'Delete']) {
    await expect(page.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  }
  await screenshot(page, 'deployment-details-viewer');

  // Opened on purpose where the viewer may not read: the cluster's refusals are expected.
  allowConsoleErrors(page, /status of 403 .*\/namespaces\/staging\/secrets/);
  await page.goto('/c/dev/r/core/v1/secrets/staging/anything');
  await expect(page.getByRole('alert')).toContainText('You may not read');
  await page.goto('/c/dev/r/core/v1/secrets?ns=staging');
  await expect(page.getByRole('alert').first()).toContainText('You may not list');
});
