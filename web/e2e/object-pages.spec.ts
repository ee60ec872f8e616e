import { allowConsoleErrors, expect, test } from './quiet';
import type { Page } from '@playwright/test';
import {
  apply,
  demoDeployment,
  env,
  kubectl,
  screenshot,
  signInWithToken,
  unique,
} from './support';

/** The page says it is live: its object is followed over the watch socket. */
async function expectLive(page: Page): Promise<void> {
  await expect(page.locator('.details-header').getByText('Live', { exact: true })).toBeVisible();
}

test('a scaled Deployment shows its new replica count without a reload', async ({ page }) => {
  const name = unique('e2e-live');
  apply(demoDeployment(name));
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto(`/c/dev/r/apps/v1/deployments/demo/${name}`);
    await expectLive(page);
    const desired = page
      .getByRole('list', { name: 'Replica counts' })
      .getByRole('listitem')
      .filter({ hasText: 'Desired' });
    await expect(desired).toContainText('1');

    await page
      .getByRole('group', { name: 'Actions' })
      .getByRole('button', { name: 'Scale' })
      .click();
    await page.getByRole('dialog').getByLabel('Replicas').fill('3');
    await page.getByRole('dialog').getByRole('button', { name: 'Scale' }).click();
    await expect(desired).toContainText('3', { timeout: 3_000 });

    // A change made elsewhere (kubectl) shows as well, and the page's pods follow it.
    kubectl('scale', 'deployment', name, '-n', 'demo', '--replicas=2');
    await expect(desired).toContainText('2', { timeout: 3_000 });
    // The workload's pods are on its Related tab.
    await page.getByRole('tab', { name: 'Related' }).click();
    const pods = page.getByRole('table', { name: 'Pods' });
    await expect(pods.getByRole('link', { name: new RegExp(`^${name}-`) })).toHaveCount(2, {
      timeout: 15_000,
    });
  } finally {
    kubectl('delete', 'deployment', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('a label added with kubectl appears on the open page', async ({ page }) => {
  const name = unique('e2e-label');
  kubectl('create', 'configmap', name, '-n', 'demo', '--from-literal=a=b');
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto(`/c/dev/r/core/v1/configmaps/demo/${name}`);
    await expectLive(page);
    kubectl('label', 'configmap', name, '-n', 'demo', 'team=blue');
    await expect(page.getByText('team=blue', { exact: true })).toBeVisible({ timeout: 3_000 });
  } finally {
    kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
  }
});

test("the Pod page lists each container's image and state", async ({ page }) => {
  const pod = kubectl(
    'get',
    'pods',
    '-n',
    'demo',
    '-l',
    'app.kubernetes.io/name=api',
    '--field-selector=status.phase=Running',
    '-o',
    'jsonpath={.items[0].metadata.name}',
  );
  const containers = JSON.parse(
    kubectl('get', 'pod', pod, '-n', 'demo', '-o', 'jsonpath={.spec.containers}'),
  ) as { name: string; image: string }[];
  expect(containers.length).toBeGreaterThan(0);
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await expectLive(page);
  for (const container of containers) {
    const card = page.getByRole('region', { name: `Container ${container.name}`, exact: true });
    await expect(card).toContainText(container.image);
    await expect(card.getByText('Running', { exact: true })).toBeVisible();
  }
  await expect(
    page.getByRole('region', { name: 'Scheduling' }).getByRole('link', { name: /kwok-node/ }),
  ).toBeVisible();
});

test('an open page says when its object was deleted', async ({ page }) => {
  const name = unique('e2e-gone');
  kubectl('create', 'configmap', name, '-n', 'demo', '--from-literal=a=b');
  try {
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto(`/c/dev/r/core/v1/configmaps/demo/${name}`);
    await expectLive(page);
    kubectl('delete', 'configmap', name, '-n', 'demo');
    await expect(page.getByRole('alert')).toContainText('This ConfigMap was deleted.', {
      timeout: 3_000,
    });
  } finally {
    kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('screenshots of Pod, Deployment, Node and Service pages, admin and viewer, light and dark', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pod = kubectl(
    'get',
    'pods',
    '-n',
    'demo',
    '-l',
    'app.kubernetes.io/name=api',
    '-o',
    'jsonpath={.items[0].metadata.name}',
  );
  const node = kubectl('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}');
  const pages: [string, string][] = [
    ['pod', `/c/dev/r/core/v1/pods/demo/${pod}`],
    ['deployment', '/c/dev/r/apps/v1/deployments/demo/web'],
    ['node', `/c/dev/r/core/v1/nodes/_/${node}`],
    ['service', '/c/dev/r/core/v1/services/demo/api'],
  ];
  for (const who of ['admin', 'viewer'] as const) {
    await page.context().clearCookies();
    await signInWithToken(page, env(who === 'admin' ? 'DEV_ADMIN_TOKEN' : 'DEV_VIEWER_TOKEN'));
    // The viewer opens a Node's page on purpose, to show how a refusal looks.
    if (who === 'viewer') allowConsoleErrors(page, /status of 403 .*\/api\/v1\/nodes\//);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [kind, path] of pages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByText('Loading…')).toHaveCount(0);
        await page.waitForTimeout(500);
        await screenshot(page, `object-${kind}-${who}-${scheme}`);
      }
    }
  }
});
