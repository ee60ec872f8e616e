import { expect, test } from './quiet';
import type { Page } from '@playwright/test';
import { env, expectAccessible, screenshot, signInWithToken, webPod } from './support';

/** The text the terminal shows. */
function screen(page: Page) {
  return page.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows');
}

async function run(page: Page, command: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Terminal input' }).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

test('a terminal runs a command and follows the size of the window', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await page
    .getByRole('group', { name: 'Actions' })
    .getByRole('link', { name: 'Terminal' })
    .click();
  await expect(page).toHaveURL(new RegExp(`/c/dev/terminal/demo/${pod}$`));
  await expect(page.getByRole('status').filter({ hasText: 'Connected: bash' })).toBeVisible();
  // A prompt (the demo's PS1 is "kwok$ ", unless a bashrc sets its own).
  await expect(screen(page)).toContainText(/[$#]\s*$/);

  const marker = `lanthorn-${Math.floor(Math.random() * 1e9)}`;
  await run(page, `echo ${marker.replace('-', '-""')}`);
  await expect(screen(page)).toContainText(marker);

  await run(page, 'stty size');
  await expect.poll(() => sizeShown(page)).not.toEqual([0, 0]);
  const before = await sizeShown(page);
  const fitted = await page.getByRole('region', { name: 'Terminal' }).boundingBox();
  expect(before[1] * 6).toBeLessThan(fitted?.width ?? 0);
  await page.setViewportSize({ width: 900, height: 600 });
  await expect
    .poll(async () => {
      await run(page, 'stty size');
      return sizeShown(page);
    })
    .not.toEqual(before);
  const after = await sizeShown(page);
  expect(after[1]).toBeLessThan(before[1]);
  await screenshot(page, 'pod-terminal');
  await expectAccessible(page);
});

/** The last `rows cols` that `stty size` printed. */
async function sizeShown(page: Page): Promise<[number, number]> {
  const text = await screen(page).innerText();
  const sizes = [...text.matchAll(/^(\d+) (\d+)\s*$/gm)];
  const last = sizes[sizes.length - 1];
  if (last === undefined) return [0, 0];
  return [Number(last[1]), Number(last[2])];
}

test('the viewer is offered neither Terminal nor Attach, and is refused the page', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  const actions = page.getByRole('group', { name: 'Actions' });
  // The viewer may read logs, so the check below does not pass before the reviews answer.
  await expect(actions.getByRole('link', { name: 'Logs' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('link', { name: 'Terminal' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Attach' })).toHaveCount(0);

  await page.goto(`/c/dev/terminal/demo/${pod}`);
  await expect(page.getByRole('alert')).toHaveText('You may not exec into this pod.');
});
