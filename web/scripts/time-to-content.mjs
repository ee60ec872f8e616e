// Time to content of Lanthorn's everyday pages, in a real Chromium: signs in with a
// ServiceAccount token, then opens each page five times and measures from navigation until
// the page's content is on screen. A benchmark, not a test: run it through dev/bench-pages
// (which fills the cluster with pods first) or against a Lanthorn of your own:
//
//   LANTHORN_URL=http://127.0.0.1:4499 DEV_ADMIN_TOKEN=… node scripts/time-to-content.mjs
//
// BENCH_NAMESPACE names a namespace full of pods (dev/bench-pages makes `bench`); without
// it the pages of one namespace are measured in `demo`.
import { chromium } from '@playwright/test';

const base = process.env.LANTHORN_URL ?? 'http://127.0.0.1:4466';
const token = process.env.DEV_ADMIN_TOKEN;
const ns = process.env.BENCH_NAMESPACE ?? 'demo';
const runs = Number(process.env.BENCH_RUNS ?? '5');
if (!token) {
  console.error('time-to-content: set DEV_ADMIN_TOKEN (source target/dev/env)');
  process.exit(2);
}

const pods = Number(process.env.BENCH_PODS ?? '0');
const firstRow = (name) => (p) => p.getByRole('region', { name }).getByRole('link').first();
/** Every row listed: the list's count says at least `n` (and the watch is on). */
const allRows = (name, n) => async (p) => {
  const region = p.getByRole('region', { name });
  await region
    .getByText(new RegExp(`^(\\d{${String(n).length},}) ${name}$`))
    .waitFor({ timeout: 60_000 });
  await region.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 60_000 });
};

/** [label, path, until content is on screen]; 'pod' and 'deployment' are looked up first. */
const pages = [
  [
    'Overview, whole cluster',
    '/c/dev',
    (p) => p.getByRole('region', { name: 'Pods' }).getByText(/Running: \d+/),
  ],
  ['Pods, all namespaces: first row', '/c/dev/r/core/v1/pods', firstRow('Pods')],
  ['Pods, all namespaces: every row listed', '/c/dev/r/core/v1/pods', allRows('Pods', pods)],
  [`Pods in ${ns}: every row listed`, `/c/dev/r/core/v1/pods?ns=${ns}`, allRows('Pods', pods)],
  ['a Pod page', 'pod', (p) => p.getByRole('region', { name: 'Containers' })],
  [
    'a Deployment page, its pods listed',
    'deployment',
    (p) => p.getByRole('link', { name: /^load-|^web-/ }).first(),
  ],
  ['Nodes', '/c/dev/r/core/v1/nodes', firstRow('Nodes')],
  ['Events, all namespaces', '/c/dev/events', (p) => p.getByRole('table').first()],
  ['Apps (installed releases)', '/c/dev/apps', (p) => p.getByRole('link', { name: 'demo-app' })],
  ['a release', '/c/dev/apps/demo/demo-app', (p) => p.getByRole('table', { name: 'History' })],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/c/dev/sign-in`);
  await page.getByLabel('ServiceAccount token').fill(token);
  const answered = page.waitForResponse((r) => r.url().endsWith('/set-token'));
  await page.getByRole('button', { name: 'Sign in with token' }).click();
  await answered;
  const named = await objectPaths(page);
  console.log('| page | median | runs |');
  console.log('|---|---|---|');
  for (const [label, where, content] of pages) {
    const path = named[where] ?? where;
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      const start = Date.now();
      await page.goto(`${base}${path}`);
      const target = content(page);
      await (typeof target.waitFor === 'function' ? target.waitFor({ timeout: 60_000 }) : target);
      times.push(Date.now() - start);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`| ${label} | ${median} ms | ${times.join(', ')} ms |`);
  }
} finally {
  await browser.close();
}

/** The paths of one pod and one Deployment in the namespace, asked through Lanthorn. */
async function objectPaths(page) {
  const get = async (path) => {
    const response = await page.request.get(`${base}/clusters/dev${path}`);
    if (!response.ok()) throw new Error(`${path}: ${response.status()}`);
    return response.json();
  };
  const pods = await get(`/api/v1/namespaces/${ns}/pods?limit=1`);
  const deployments = await get(`/apis/apps/v1/namespaces/${ns}/deployments?limit=1`);
  const pod = pods.items?.[0]?.metadata?.name;
  const deployment = deployments.items?.[0]?.metadata?.name;
  if (!pod || !deployment) throw new Error(`no pod or Deployment in ${ns}`);
  return {
    pod: `/c/dev/r/core/v1/pods/${ns}/${pod}`,
    deployment: `/c/dev/r/apps/v1/deployments/${ns}/${deployment}`,
  };
}
