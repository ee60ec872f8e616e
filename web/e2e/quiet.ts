import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/**
 * Collects the page's console errors (Chromium logs every failed request as one), so a test
 * can assert that the pages it visited asked nothing the cluster refuses.
 */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location().url;
      errors.push(`${message.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (error) => {
    errors.push(`uncaught: ${error.message}`);
  });
  return errors;
}

const allowed = new WeakMap<Page, RegExp[]>();

/**
 * Lets this test's page log console errors matching `patterns`: for a test that provokes a
 * refusal on purpose (a bad token, a server restart), and only those errors.
 */
export function allowConsoleErrors(page: Page, ...patterns: RegExp[]): void {
  allowed.set(page, [...(allowed.get(page) ?? []), ...patterns]);
}

/**
 * Every browser test: no page it visits logs a console error or throws (issue 14: a quiet
 * console), unless the test allowed that error by name with [`allowConsoleErrors`].
 */
export const test = base.extend<{ quietConsole: undefined }>({
  quietConsole: [
    async ({ page }, use) => {
      const errors = consoleErrors(page);
      await use(undefined);
      const expected = allowed.get(page) ?? [];
      const unexpected = errors.filter((error) => !expected.some((p) => p.test(error)));
      expect(unexpected, 'console errors on the pages this test visited').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
