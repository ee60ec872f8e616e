import { fileURLToPath } from 'node:url';
import { expect, test } from './quiet';
import { env, helm, screenshot, setEditorText, signInWithToken, unique } from './support';

const chart = fileURLToPath(new URL('../../dev/demo/chart', import.meta.url));

test('the installed list, a release and a rollback, run as the signed-in admin', async ({
  page,
}) => {
  // A release with two revisions, made by the real helm CLI.
  const name = unique('e2e-roll').slice(0, 40);
  helm(
    'upgrade',
    '--install',
    name,
    chart,
    '-n',
    'demo',
    '--set',
    'message=first',
    '--set',
    'replicaCount=1',
  );
  helm('upgrade', name, chart, '-n', 'demo', '--set', 'message=second', '--set', 'replicaCount=1');
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto('/c/dev/apps');
    const installed = page.getByRole('region', { name: 'Installed apps' });
    await expect(installed.getByRole('link', { name: 'demo-app' })).toBeVisible();
    await expect(installed.getByRole('link', { name })).toBeVisible();
    await screenshot(page, 'apps-installed');

    await installed.getByRole('link', { name }).click();
    const release = page.getByRole('region', { name: 'Release' });
    await expect(release.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(release.getByRole('table', { name: 'Objects' })).toContainText('Deployment');
    await expect(release.getByLabel('User-supplied values')).toContainText('message: second');
    const history = release.getByRole('table', { name: 'History' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await screenshot(page, 'apps-release');

    await history.getByRole('button', { name: 'Roll back to 1' }).click();
    // The dialog shows what the rollback does to the values before anything runs.
    const change = page.getByRole('dialog').getByRole('region', { name: 'Change to the values' });
    await expect(change).toContainText('message: second');
    await expect(change).toContainText('message: first');
    await screenshot(page, 'apps-rollback-values');
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
    await expect(release.getByRole('status')).toContainText('rollback of', { timeout: 60_000 });
    await expect(history.getByRole('row')).toHaveCount(4);
    await expect(release.getByLabel('User-supplied values')).toContainText('message: first');
    const cli = JSON.parse(helm('history', name, '-n', 'demo', '-o', 'json')) as {
      revision: number;
      status: string;
    }[];
    expect(cli.map((r) => `${r.revision}:${r.status}`)).toEqual([
      '1:superseded',
      '2:superseded',
      '3:deployed',
    ]);
  } finally {
    helm('uninstall', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('a release whose chart is in no repository upgrades from its stored chart, after a review', async ({
  page,
}) => {
  const name = unique('e2e-stored').slice(0, 40);
  helm('install', name, chart, '-n', 'demo', '--set', 'message=first', '--set', 'replicaCount=1');
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto(`/c/dev/apps/demo/${name}`);
    const release = page.getByRole('region', { name: 'Release' });
    await release.getByRole('button', { name: 'Upgrade' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('as stored in the release');
    await setEditorText(page, 'message: from-the-stored-chart\nreplicaCount: 1\n', 'Values');
    await dialog.getByRole('button', { name: 'Review changes' }).click();
    const change = dialog.getByRole('region', { name: 'Change to the values' });
    await expect(change).toContainText('message: from-the-stored-chart');
    await screenshot(page, 'apps-upgrade-stored-review');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'apps-upgrade-stored-review-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Upgrade' }).click();
    await expect(release.getByRole('status')).toContainText('upgrade of', { timeout: 60_000 });
    await expect(release.getByLabel('User-supplied values')).toContainText(
      'message: from-the-stored-chart',
    );
    const values = JSON.parse(helm('get', 'values', name, '-n', 'demo', '-o', 'json')) as {
      message: string;
    };
    expect(values.message).toBe('from-the-stored-chart');
  } finally {
    helm('uninstall', name, '-n', 'demo', '--ignore-not-found');
  }
});
