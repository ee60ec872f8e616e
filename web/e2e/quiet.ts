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
