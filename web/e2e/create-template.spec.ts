import { expect, test } from './quiet';
import { env, kubectl, screenshot, setEditorText, signInWithToken, unique } from './support';

test('Create from a kind list starts from a template of that kind that the cluster accepts', async ({
  page,
}) => {
  const name = unique('e2e-tpl').slice(0, 40);
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto('/c/dev/r/apps/v1/deployments?ns=demo');
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/c\/dev\/create\?ns=demo&template=apps%2Fv1%2FDeployment$/);
  const editor = page.getByRole('textbox', { name: 'YAML' });
  await expect(editor).toContainText('kind: Deployment');
  await expect(editor).toContainText('namespace: demo');
  await screenshot(page, 'create-from-template');
  const text = await editor.innerText();
  expect(text).toContain('name: example');
  await setEditorText(page, text.replace('name: example', `name: ${name}`));
  try {
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(`Created Deployment demo/${name}`, {
      timeout: 15_000,
    });
    expect(kubectl('get', 'deployment', name, '-n', 'demo', '-o', 'name')).toContain(name);
  } finally {
    kubectl('delete', 'deployment', name, '-n', 'demo', '--ignore-not-found');
  }
});
