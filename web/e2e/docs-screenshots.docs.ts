import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './quiet';
import { env, signInWithToken } from './support';

/**
 * Writes the screenshots docs/ui.md shows (docs/img/<page>-<theme>.png, 1280 by 800, the
 * viewport only so each stays small). Run by hand: `dev/e2e --config=playwright.docs.config.ts`.
 */

const OUT = fileURLToPath(new URL('../../docs/img', import.meta.url));

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(OUT, `${name}-${scheme}.png`) });
  }
}

test('the screenshots of docs/ui.md', async ({ page }) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));

  await page.goto('/c/dev');
  await expect(page.locator('main')).toContainText('Nodes');
  await page.waitForLoadState('networkidle');
  await shoot(page, 'overview');

  await page.goto('/c/dev/r/core/v1/pods?ns=demo');
  await expect(page.getByRole('table', { name: 'Pods' })).toContainText('Running');
  await page.waitForLoadState('networkidle');
  await shoot(page, 'pods');

  await page.goto('/c/dev/r/apps/v1/deployments/demo/web');
  await expect(page.locator('main')).toContainText('Deployment web');
  await page.waitForLoadState('networkidle');
  await shoot(page, 'deployment');

  await page.goto('/c/dev/r/apps/v1/deployments/demo/web?tab=logs');
  await expect(page.getByRole('log').locator('.log-line').first()).toBeVisible();
  await shoot(page, 'logs');

  await page.goto('/settings');
  await expect(page.locator('main')).toContainText('Default namespaces');
  await page.waitForLoadState('networkidle');
  await shoot(page, 'settings');
});
