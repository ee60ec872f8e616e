import { expect, test } from './quiet';
import type { Page, WebSocket } from '@playwright/test';
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

test("a pod's Terminal tab runs a command and follows the size of the window", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  const sockets: WebSocket[] = [];
  page.on('websocket', (socket) => {
    if (socket.url().includes(`/pods/${pod}/exec`)) sockets.push(socket);
  });
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/dev/r/core/v1/pods/demo/${pod}\\?tab=terminal$`));
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
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'pod-terminal-dark');
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page);

  // Leaving the tab closes the session's socket.
  expect(sockets.length).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('region', { name: 'Terminal' })).toHaveCount(0);
  await expect.poll(() => sockets.filter((s) => !s.isClosed()).length).toBe(0);
});

test('an old terminal address lands on the Terminal tab, attached when it said so', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_ADMIN_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/terminal/demo/${pod}`);
  await expect(page).toHaveURL(new RegExp(`/c/dev/r/core/v1/pods/demo/${pod}\\?tab=terminal$`));
  await expect(page.getByRole('status').filter({ hasText: 'Connected: bash' })).toBeVisible();

  await page.goto(`/c/dev/terminal/demo/${pod}?attach=1`);
  await expect(page).toHaveURL(/tab=terminal&attach=1$/);
  await expect(page.getByLabel('Session')).toHaveValue('attach');
  await expect(page.getByRole('status').filter({ hasText: 'Attached' })).toBeVisible();
});

/** The last `rows cols` that `stty size` printed. */
async function sizeShown(page: Page): Promise<[number, number]> {
  const text = await screen(page).innerText();
  const sizes = [...text.matchAll(/^(\d+) (\d+)\s*$/gm)];
  const last = sizes[sizes.length - 1];
  if (last === undefined) return [0, 0];
  return [Number(last[1]), Number(last[2])];
}

test('the viewer is offered no Terminal tab, and an address asking for it says why', async ({
  page,
}) => {
  await signInWithToken(page, env('DEV_VIEWER_TOKEN'));
  const pod = webPod();
  await page.goto(`/c/dev/r/core/v1/pods/demo/${pod}`);
  // The viewer may read logs, so the check below does not pass before the reviews answer.
  await expect(page.getByRole('tab', { name: 'Logs' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveCount(0);

  await page.goto(`/c/dev/terminal/demo/${pod}`);
  await expect(page).toHaveURL(/tab=terminal$/);
  await expect(page.getByText('You may not exec into or attach to this Pod.')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});
