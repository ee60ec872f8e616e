import { allowConsoleErrors, expect, test } from './quiet';
import { apply, demoDeployment, env, kubectl, signInWithToken, unique } from './support';

test('scale, restart and rollback change the Deployment in the cluster', async ({ page }) => {
  const name = unique('e2e-rollout');
  apply(demoDeployment(name, 'nginx:1.27'));
  apply(demoDeployment(name, 'nginx:1.28'));
  const get = (path: string) =>
    kubectl('get', 'deployment', name, '-n', 'demo', '-o', `jsonpath={${path}}`);
  try {
    await expect
      .poll(() => get('.metadata.annotations.deployment\\.kubernetes\\.io/revision'))
      .toBe('2');
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto(`/c/dev/r/apps/v1/deployments/demo/${name}`);
    const actions = page.getByRole('group', { name: 'Actions' });

    await actions.getByRole('button', { name: 'Scale' }).click();
    await page.getByLabel('Replicas').fill('2');
    await page.getByRole('dialog').getByRole('button', { name: 'Scale' }).click();
    await expect.poll(() => get('.spec.replicas')).toBe('2');

    await actions.getByRole('button', { name: 'Restart' }).click();
    // Restart asks first, naming the Deployment; nothing changes until confirmed.
    const confirm = page.getByRole('dialog', { name: /^Restart Deployment .* in demo\?$/ });
    await expect(confirm).toBeVisible();
    expect(get('.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt')).toBe(
      '',
    );
    await confirm.getByRole('button', { name: 'Restart' }).click();
    await expect
      .poll(() => get('.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt'))
      .not.toBe('');

    await page.reload();
    await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => get('.spec.template.spec.containers[0].image')).toBe('nginx:1.27');
  } finally {
    kubectl('delete', 'deployment', name, '-n', 'demo', '--ignore-not-found');
  }
});

test('drain evicts plain pods, skips DaemonSet pods and respects a PodDisruptionBudget', async ({
  page,
}) => {
  const node = unique('e2e-drain');
  const pod = (podName: string, labels: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${podName}, namespace: demo, labels: {${labels}}}
spec:
  nodeName: ${node}
  containers: [{name: app, image: nginx}]
`;
  apply(`apiVersion: v1
kind: Node
metadata:
  name: ${node}
  labels: {type: kwok, kubernetes.io/hostname: ${node}}
  annotations: {kwok.x-k8s.io/node: fake}
spec: {providerID: "kwok://${node}"}
`);
  apply(pod(`${node}-plain`, 'e2e: plain'));
  apply(pod(`${node}-guarded`, `e2e-guard: ${node}`));
  apply(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${node}, namespace: demo}
spec:
  minAvailable: 1
  selector: {matchLabels: {e2e-guard: ${node}}}
`);
  const onNode = () =>
    kubectl('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'name');
  try {
    // The demo's DaemonSet (log-agent, nodeSelector type=kwok) also places a pod there.
    await expect.poll(onNode, { timeout: 30_000 }).toContain('pod/log-agent-');
    await expect
      .poll(() =>
        kubectl('get', 'pod', `${node}-guarded`, '-n', 'demo', '-o', 'jsonpath={.status.phase}'),
      )
      .toBe('Running');
    await expect
      .poll(() =>
        kubectl('get', 'pdb', node, '-n', 'demo', '-o', 'jsonpath={.status.currentHealthy}'),
      )
      .toBe('1');

    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await page.goto(`/c/dev/r/core/v1/nodes/_/${node}`);
    // The PodDisruptionBudget refuses the guarded pod's eviction (429) until drain gives up.
    allowConsoleErrors(page, /status of 429 .*\/eviction/);
    await page.getByRole('button', { name: 'Drain' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Give up on pods a budget blocks after (seconds)').fill('6');
    await dialog.getByRole('button', { name: 'Drain' }).click();
    await expect(dialog.getByRole('status')).toContainText('Done', { timeout: 60_000 });
    const rows = dialog.getByRole('row');
    await expect(rows.filter({ hasText: `${node}-plain` })).toContainText(/evicted/i);
    await expect(rows.filter({ hasText: `${node}-guarded` })).toContainText(/budget/i);
    await expect(rows.filter({ hasText: 'log-agent-' })).toContainText(/DaemonSet/i);

    expect(kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).toBe('true');
    await expect.poll(onNode).not.toContain(`pod/${node}-plain`);
    expect(onNode()).toContain(`pod/${node}-guarded`);
  } finally {
    kubectl('delete', 'pdb', node, '-n', 'demo', '--ignore-not-found');
    kubectl(
      'delete',
      'pod',
      `${node}-plain`,
      `${node}-guarded`,
      '-n',
      'demo',
      '--ignore-not-found',
      '--wait=false',
    );
    kubectl('delete', 'node', node, '--ignore-not-found');
  }
});
