// Issue 12, item 1: proxied content cannot act as Lanthorn. A page served through the
// service proxy is a tenant's content on Lanthorn's origin; its script tries to read and
// write the API with the signed-in user's cookie, to register a Service Worker for all of
// Lanthorn, and to reach Lanthorn's cookies, storage and window. The backend is real
// (fixtures/tenant.ts: a server in a network namespace this spec makes, behind a Service).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './quiet';
import type { APIResponse, Page } from '@playwright/test';
import { TenantBackend } from './fixtures/tenant';
import { env, kubectl, screenshot, signInWithToken } from './support';

const attackSource = readFileSync(
  fileURLToPath(new URL('./fixtures/tenant-attack.js', import.meta.url)),
  'utf8',
);
const tenantLog = fileURLToPath(
  new URL('../../target/test-results/tenant-server.log', import.meta.url),
);

/** What fixtures/tenant-attack.js reports. */
interface Outcome {
  ran: boolean;
  origin: string;
  href: string;
  read: { ok: boolean; status?: number; list: boolean; body?: string; error?: string };
  serviceWorker: { ok: boolean; scope?: string; error?: string };
  create: { ok: boolean; status?: number; body?: string; error?: string };
  cookie: { ok: boolean; value?: string; afterWrite?: string; error?: string };
  storage: { ok: boolean; keys?: string[]; error?: string };
  opener: { present: boolean; readable?: boolean; title?: string; href?: string; error?: string };
}

const tenant = new TenantBackend();

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await tenant.start(tenantLog);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  const failures = await tenant.stop();
  expect(failures, 'tearing the tenant backend down').toEqual([]);
});

/** The values of every header `name` (lower case) of a response. */
function headerValues(response: APIResponse, name: string): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === name)
    .map((h) => h.value);
}

/** True when a CSP keeps every inline script of the document from running. */
function forbidsInlineScripts(policies: string[]): boolean {
  return policies.some((policy) => {
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().toLowerCase().split(/\s+/))
        .filter((d) => d[0] !== undefined && d[0] !== '')
        .map((d) => [d[0] ?? '', d.slice(1)] as const),
    );
    const sandbox = directives.get('sandbox');
    if (sandbox !== undefined && !sandbox.includes('allow-scripts')) return true;
    const scripts = directives.get('script-src') ?? directives.get('default-src');
    return scripts !== undefined && !scripts.includes("'unsafe-inline'");
  });
}

/**
 * What the tenant's script achieved in `popup`. Its own inline copy reports into
 * `<pre id=result>`. Should a policy keep that copy from running, the same code is run in
 * the page's realm by Playwright: what any script the page manages to run could do. The
 * test must never pass only because nothing ran.
 */
async function outcomeOf(
  page: Page,
  popup: Page,
  configMap: string,
): Promise<{ outcome: Outcome | null; via: string }> {
  const result = popup.locator('#result[data-done="true"]');
  try {
    await result.waitFor({ state: 'attached', timeout: 20_000 });
    return { outcome: JSON.parse((await result.textContent()) ?? '') as Outcome, via: 'page' };
  } catch {
    // Fall through: find out why the page's own script did not report.
  }
  const response = await page.request.get(tenant.proxyPath);
  const policies = headerValues(response, 'content-security-policy');
  expect(
    forbidsInlineScripts(policies),
    `the tenant page's script did not report, and its CSP (${policies.join(' | ')}) does not ` +
      `forbid scripts: the test cannot tell whether the page is isolated`,
  ).toBe(true);
  const expression = `(${attackSource})(${JSON.stringify(tenant.config(configMap))})`;
  try {
    return { outcome: (await popup.evaluate(expression)) as Outcome, via: 'evaluate' };
  } catch (error) {
    // Only a document where no script can run at all is safe without an outcome.
    const noScripts = policies.some((p) => /(^|;)\s*sandbox(?![^;]*allow-scripts)/i.test(p));
    expect(noScripts, `running the tenant's code in the page failed: ${String(error)}`).toBe(true);
    return { outcome: null, via: 'none: the sandbox allows no script' };
  }
}

/** Every outcome that would let tenant content act as Lanthorn, checked softly. */
function expectIsolated(outcome: Outcome, origin: string, label: string): void {
  const what = (text: string) => `${label}: ${text} — ${JSON.stringify(outcome)}`;
  expect(outcome.ran, what('the tenant script ran')).toBe(true);
  expect.soft(outcome.origin, what('the page runs in an origin of its own')).not.toBe(origin);
  expect.soft(outcome.read.list, what('the API read (the ConfigMap list) failed')).toBe(false);
  expect.soft(outcome.serviceWorker.ok, what('the Service Worker registration failed')).toBe(false);
  expect.soft(outcome.create.ok, what('the ConfigMap create failed')).toBe(false);
  expect.soft(outcome.cookie.value ?? '', what('no cookie is visible')).toBe('');
  expect
    .soft(outcome.cookie.afterWrite ?? '', what('no cookie can be set on Lanthorn'))
    .not.toContain('tenant-planted');
  expect
    .soft(outcome.opener.readable ?? false, what("Lanthorn's window is out of reach"))
    .toBe(false);
}

test('a page served through the service proxy cannot act as the signed-in user', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? env('LANTHORN_E2E_URL')).origin;
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  try {
    // As a user would: the Service's page, "Open through Lanthorn".
    await page.goto(`/c/dev/r/core/v1/services/demo/${tenant.service}`);
    const open = page.getByRole('link', { name: 'Open through Lanthorn: port 8080 (http)' });
    await expect(open).toBeVisible();
    await screenshot(page, 'proxy-isolation-service');
    const [popup] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe(tenant.proxyPath);
    const first = await outcomeOf(page, popup, tenant.configMaps[0] ?? '');
    await screenshot(popup, 'proxy-isolation-tenant-page');
    test.info().annotations.push({
      type: 'tenant outcome (link)',
      description: `${first.via}: ${JSON.stringify(first.outcome)}`,
    });
    if (first.outcome !== null) expectIsolated(first.outcome, origin, 'opened from the link');

    // A window Lanthorn's page opens without noopener: the tenant page must not reach back.
    const [second] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate(
        (url) => {
          window.open(url, '_blank');
        },
        `${tenant.proxyPath}#cm=${tenant.configMaps[1] ?? ''}`,
      ),
    ]);
    await second.waitForLoadState();
    const again = await outcomeOf(page, second, tenant.configMaps[1] ?? '');
    test.info().annotations.push({
      type: 'tenant outcome (window.open)',
      description: `${again.via}: ${JSON.stringify(again.outcome)}`,
    });
    if (again.outcome !== null) expectIsolated(again.outcome, origin, 'opened by window.open');

    // What Lanthorn's own page and the cluster see afterwards.
    await page.bringToFront();
    const lanthorn = await page.evaluate(async () => ({
      serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
      planted: localStorage.getItem('tenant-planted'),
    }));
    expect.soft(lanthorn.serviceWorkers, "Service Workers on Lanthorn's origin").toEqual([]);
    expect.soft(lanthorn.planted, "Lanthorn's localStorage").toBeNull();
    const cookies = (await context.cookies()).map((c) => c.name);
    expect.soft(cookies, "Lanthorn's cookies").not.toContain('tenant-planted');
    expect.soft(cookies, "Lanthorn's cookies").not.toContain('tenant-upstream');
    for (const name of tenant.configMaps) {
      expect
        .soft(
          kubectl('get', 'configmap', name, '-n', 'demo', '--ignore-not-found', '-o', 'name'),
          `ConfigMap ${name}, which the tenant page tried to create`,
        )
        .toBe('');
    }
    // Lanthorn's pages still work for the user.
    await page.reload();
    await expect(
      page.getByRole('link', { name: 'Open through Lanthorn: port 8080 (http)' }),
    ).toBeVisible();
  } finally {
    // A registered worker would outlive the test in this browser context; the cluster objects
    // would outlive it in the stack.
    await page
      .evaluate(async () => {
        for (const registration of await navigator.serviceWorker.getRegistrations()) {
          await registration.unregister();
        }
      })
      .catch(() => undefined);
    for (const name of tenant.configMaps) {
      kubectl('delete', 'configmap', name, '-n', 'demo', '--ignore-not-found');
    }
  }
});

test('proxied responses carry a sandbox CSP and none of the upstream origin-wide headers', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const lanthornWins: [string, string][] = [
    ['x-frame-options', 'DENY'],
    ['referrer-policy', 'no-referrer'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['x-content-type-options', 'nosniff'],
  ];
  for (const path of ['', 'sw.js', 'hostile-headers']) {
    const url = `${tenant.proxyPath}${path}`;
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), `${url} through Lanthorn`).toBe(200);
    const policies = headerValues(response, 'content-security-policy');
    expect
      .soft(
        policies.some((p) => /(^|;)\s*sandbox(\s|;|$)/i.test(p)),
        `${url}: a CSP with sandbox (got ${policies.join(' | ') || 'none'})`,
      )
      .toBe(true);
    expect
      .soft(policies.join(' | '), `${url}: the upstream's CSP does not pass`)
      .not.toContain('script-src *');
    for (const name of ['service-worker-allowed', 'set-cookie', 'clear-site-data', 'refresh']) {
      expect.soft(headerValues(response, name), `${url}: ${name}`).toEqual([]);
    }
    const cors = response
      .headersArray()
      .filter((h) => h.name.toLowerCase().startsWith('access-control-'));
    expect.soft(cors, `${url}: access-control-* headers`).toEqual([]);
    for (const [name, value] of lanthornWins) {
      expect.soft(headerValues(response, name), `${url}: Lanthorn's ${name}`).toEqual([value]);
    }
  }
  // The browser asks for a Service Worker script with `Service-Worker: script`: refused.
  const worker = await page.request.get(`${tenant.proxyPath}sw.js`, {
    headers: { 'Service-Worker': 'script' },
    maxRedirects: 0,
  });
  expect
    .soft(worker.status(), 'a Service Worker script request through the proxy')
    .toBeGreaterThanOrEqual(400);
});
