import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The screenshots of docs/ui.md (e2e/docs-screenshots.docs.ts), not a test: run by hand with
// `dev/e2e --config=playwright.docs.config.ts`. The normal run never matches `*.docs.ts`.
export default defineConfig({
  ...base,
  testMatch: /.*\.docs\.ts/,
  timeout: 5 * 60_000,
  use: { ...base.use, viewport: { width: 1280, height: 800 } },
});
