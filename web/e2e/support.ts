import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** A variable `dev/e2e` sets (from the stack's env file). */
export function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set; run the browser tests through dev/e2e`);
  }
  return value;
}

/** A name no other run uses. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}

/** Runs the stack's kubectl as its admin (the "admin kubeconfig" of the tests). */
export function kubectl(...args: string[]): string {
  return execFileSync(env('DEV_KUBECTL'), args, { encoding: 'utf8', env: process.env });
}

/** Runs the stack's helm as its admin, with a throwaway Helm home. */
export function helm(...args: string[]): string {
  const home = mkdtempSync(join(tmpdir(), 'lanthorn-e2e-helm-'));
  try {
    return execFileSync(env('DEV_HELM'), args, {
      encoding: 'utf8',
      env: { ...process.env, HOME: home, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home },
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Restarts the Lanthorn under test (sessions live in Redis and survive). */
export function restartLanthorn(): void {
  execFileSync(env('LANTHORN_E2E_RESTART'), { stdio: 'inherit' });
}

/** Signs the browser in to cluster `dev` with a ServiceAccount token. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto('/c/dev/sign-in');
  await page.getByLabel('ServiceAccount token').fill(token);
  // Wait for the server's answer itself: a page already signed in shows "Signed in as"
  // before the new sign-in lands, and navigating then would drop the new cookie.
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith('/clusters/dev/set-token') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  expect((await answered).status()).toBe(200);
  // A sign-in lands on the overview, never on the form again (issue 14).
  await expect(page).toHaveURL(/\/c\/dev$/);
  await expect(page.getByRole('button', { name: /^Account: / })).toBeVisible();
}

/** Signs in through the stack's OIDC provider's own form. */
export async function signInWithOidc(page: Page, who: 'ADMIN' | 'VIEWER'): Promise<void> {
  await page.goto('/c/dev/sign-in');
  await page.getByRole('link', { name: 'Sign in with your identity provider' }).click();
  await expect(page).toHaveURL(new RegExp(`^${env('DEV_OIDC_ISSUER')}`));
  await page.locator('input[name="username"]').fill(env(`DEV_OIDC_${who}_USER`));
  await page.locator('input[name="password"]').fill(env(`DEV_OIDC_${who}_PASSWORD`));
  await page.locator('input[name="password"]').press('Enter');
  await expect(page).toHaveURL(/\/c\/dev$/);
}

/** Saves a screenshot of the page with the test output. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env['LANTHORN_E2E_SCREENSHOTS'] ?? '../target/test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** The serious and critical axe-core violations of WCAG 2 A/AA rules on the page, in words. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fails on any serious or critical axe-core violation of WCAG 2 A/AA rules. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
}

/** The text a CodeMirror editor holds. */
export async function editorText(page: Page, name = 'YAML'): Promise<string> {
  const editor = page.getByRole('textbox', { name });
  await expect(editor).toBeVisible();
  return editor.evaluate((element) => (element as HTMLElement).innerText);
}

/** Replaces the text of a CodeMirror editor. */
export async function setEditorText(page: Page, text: string, name = 'YAML'): Promise<void> {
  const editor = page.getByRole('textbox', { name });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await editor.fill(text);
}

/** A running pod of the demo's web Deployment. */
export function webPod(): string {
  const names = kubectl(
    'get',
    'pods',
    '-n',
    'demo',
    '-l',
    'app.kubernetes.io/name=web',
    '--field-selector=status.phase=Running',
    '-o',
    'jsonpath={.items[*].metadata.name}',
  )
    .split(' ')
    .filter((n) => n !== '');
  const name = names[0];
  if (name === undefined) throw new Error('the demo has no running web pod');
  return name;
}

/** Applies a manifest with the stack's admin kubeconfig. */
export function apply(manifest: string): void {
  execFileSync(env('DEV_KUBECTL'), ['apply', '-f', '-'], { input: manifest, env: process.env });
}

/** A one-replica Deployment in demo on the kwok nodes, running `image`. */
export function demoDeployment(name: string, image = 'nginx:1.27'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      nodeSelector: {type: kwok}
      containers: [{name: app, image: "${image}"}]
`;
}

/**
 * As the admin, selects the demo ConfigMaps `names` (all starting with `prefix`) in their
 * list and asks to delete them: the confirmation dialog, not yet confirmed.
 */
export async function openBulkDelete(
  page: Page,
  prefix: string,
  names: string[],
): Promise<Locator> {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  await page.goto(`/c/dev/r/core/v1/configmaps?ns=demo&q=${prefix}`);
  const table = page.getByRole('table', { name: 'ConfigMaps' });
  for (const name of names) await expect(table.getByRole('link', { name })).toBeVisible();
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  for (const name of names) await table.getByLabel(`Select ${name}`).check();
  await page.getByRole('button', { name: `Delete ${names.length} selected` }).click();
  const noun = names.length === 1 ? 'ConfigMap' : 'ConfigMaps';
  return page.getByRole('dialog', { name: `Delete ${names.length} ${noun}?` });
}
