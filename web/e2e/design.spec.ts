import { expect, test } from './quiet';
import type { Locator, Page } from '@playwright/test';
import { env, expectAccessible, kubectl, screenshot, signInWithToken, unique } from './support';

/**
 * The design system on real pages: status badges (icon, colour and text) for a running and
 * a crash-looping pod, keyboard focus rings on buttons, and axe in light and dark, as the
 * admin and as the namespace-bound viewer.
 */

const crashing = unique('design-crash');
const PODS = '/c/dev/r/core/v1/pods?ns=demo';
const DEPLOYMENT = '/c/dev/r/apps/v1/deployments/demo/web';
const THEMES = ['light', 'dark'] as const;

test.beforeAll(() => {
  // A pod no node can take, its status written as a kubelet would for a crash loop.
  kubectl(
    'run',
    crashing,
    '-n',
    'demo',
    '--image=busybox:1.36',
    '--restart=Always',
    '--overrides={"spec":{"nodeSelector":{"lanthorn.dev/nowhere":"true"}}}',
  );
  kubectl(
    'patch',
    'pod',
    crashing,
    '-n',
    'demo',
    '--subresource=status',
    '--type=merge',
    '-p',
    JSON.stringify({
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: crashing,
            image: 'busybox:1.36',
            imageID: '',
            ready: false,
            restartCount: 4,
            started: false,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
          },
        ],
      },
    }),
  );
});

test.afterAll(() => {
  kubectl('delete', 'pod', crashing, '-n', 'demo', '--ignore-not-found', '--wait=false');
});

/** The status badge in the list row of pod `name`. */
const rowBadge = (page: Page, name: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .locator('.badge');

const colour = (badge: Locator) => badge.evaluate((el) => getComputedStyle(el).color);

async function podsList(page: Page): Promise<{ running: Locator; failing: Locator }> {
  await page.goto(PODS);
  const table = page.getByRole('table', { name: 'Pods' });
  await expect(table).toBeVisible();
  const running = table
    .getByRole('row')
    .filter({ hasText: /^web-/ })
    .locator('.badge', { hasText: 'Running' })
    .first();
  const failing = rowBadge(page, crashing);
  await expect(running).toBeVisible();
  await expect(failing).toHaveText('CrashLoopBackOff');
  return { running, failing };
}

for (const theme of THEMES) {
  test(`${theme}: a running and a crash-looping pod carry different badges`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    const { running, failing } = await podsList(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    await expect(running).toHaveAttribute('data-tone', 'good');
    await expect(failing).toHaveAttribute('data-tone', 'bad');
    // Never colour alone: each has its text and an icon, and the colours differ.
    await expect(running.locator('svg')).toHaveCount(1);
    await expect(failing.locator('svg')).toHaveCount(1);
    expect(await colour(running)).not.toBe(await colour(failing));
    await expectAccessible(page);
  });

  test(`${theme}: buttons show a focus ring when reached with the keyboard`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
    await podsList(page);
    const apply = page.getByRole('button', { name: 'Apply', exact: true });
    const ring = (el: Element) => {
      const style = getComputedStyle(el);
      return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    };
    const before = await apply.evaluate(ring);
    expect(before.startsWith('none')).toBe(true);

    await page.getByRole('textbox', { name: 'Label selector' }).focus();
    await page.keyboard.press('Tab');
    await expect(apply).toBeFocused();
    const after = await apply.evaluate(ring);
    expect(after).toMatch(/^solid 2px rgb/);
    expect(after).not.toBe(before);
    // The ring is the theme's focus colour.
    const focus = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--color-focus').trim(),
    );
    expect(focus).toBe(theme === 'light' ? '#0969da' : '#4493f8');
  });
}

const PEOPLE = [
  ['admin', 'DEV_ADMIN_TOKEN'],
  ['viewer', 'DEV_VIEWER_TOKEN'],
] as const;

for (const [who, token] of PEOPLE) {
  test(`the main pages as the ${who}, in light and dark: badges, axe, screenshots`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInWithToken(page, env(token));
    const pages: [string, string, (p: Page) => Promise<void>][] = [
      [
        'pods',
        PODS,
        async (p) => {
          await expect(rowBadge(p, crashing)).toHaveAttribute('data-tone', 'bad');
        },
      ],
      [
        'pod',
        `/c/dev/r/core/v1/pods/demo/${crashing}`,
        async (p) => {
          await expect(p.locator('.details-header')).toContainText('CrashLoopBackOff');
        },
      ],
      [
        'overview',
        '/c/dev',
        async (p) => {
          const pods = p.getByRole('region', { name: 'Pods' });
          await expect(pods.locator('.badge[data-tone="good"]').first()).toContainText(
            /Running: \d+/,
          );
        },
      ],
      [
        'deployment',
        DEPLOYMENT,
        async (p) => {
          await expect(p.getByRole('heading', { name: 'Deployment web' })).toBeVisible();
        },
      ],
    ];
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      for (const [name, url, check] of pages) {
        await page.goto(url);
        await check(page);
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
        await screenshot(page, `design-${name}-${who}-${theme}`);
      }
    }
  });
}
