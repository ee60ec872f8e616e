import { expect, test } from './quiet';
import { env, kubectl, openBulkDelete, screenshot, signInWithToken, unique } from './support';

test('a malformed label selector is explained next to the field, and nothing is listed with it', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/core/v1/configmaps');
  await expect(page.getByText(/\d+ ConfigMaps?/)).toBeVisible();
  const field = page.getByLabel('Label selector');
  await field.fill('app=we b,tier!=db');
  await page.getByRole('button', { name: 'Apply' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Not a label selector' });
  await expect(problem).toContainText('the value "we b" for app is not a label value');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(new URL(page.url()).searchParams.get('l')).toBeNull();
  await screenshot(page, 'list-bad-selector');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'list-bad-selector-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Fixing it clears the message and applies the selector.
  await field.fill('app.kubernetes.io/name=web');
  await expect(problem).toHaveCount(0);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(() => new URL(page.url()).searchParams.get('l'))
    .toBe('app.kubernetes.io/name=web');
});

test('a namespace that does not exist is said to, not shown as an empty live list', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/core/v1/configmaps?ns=no-such-namespace');
  await expect(page.getByRole('alert')).toContainText(
    'There is no namespace no-such-namespace in this cluster.',
  );
  await page.goto('/c/dev/r/core/v1/configmaps?ns=demo');
  await expect(page.getByText(/\d+ ConfigMaps?/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('two ConfigMaps are deleted together after one confirmation listing both', async ({
  page,
}) => {
  const prefix = unique('e2e-bulk').slice(0, 30);
  const [first, second] = [`${prefix}-a`, `${prefix}-b`];
  const names = [first, second];
  for (const name of names) kubectl('create', 'configmap', name, '-n', 'demo');
  try {
    const dialog = await openBulkDelete(page, prefix, names);
    await expect(dialog.getByRole('list', { name: 'To delete' })).toContainText(`demo/${first}`);
    await expect(dialog.getByRole('list', { name: 'To delete' })).toContainText(`demo/${second}`);
    await screenshot(page, 'list-bulk-delete');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    const results = page.getByRole('list', { name: 'Results' });
    await expect(results).toContainText(`demo/${first}: deleted`);
    await expect(results).toContainText(`demo/${second}: deleted`);
    await expect
      .poll(() => kubectl('get', 'configmaps', '-n', 'demo', '-o', 'name'))
      .not.toContain(prefix);
  } finally {
    for (const name of names)
      kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
  }
});
