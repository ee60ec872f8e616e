import { defineConfig } from '@playwright/test';

// Browser tests run against a real Lanthorn and the local stack, started by `dev/e2e`
// (which sets LANTHORN_E2E_URL). Debian's Chromium is used; no browser is downloaded.
export default defineConfig({
  testDir: 'e2e',
  outputDir: '../target/test-results/playwright',
  timeout: 60_000,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.LANTHORN_E2E_RESULTS ?? '../target/test-results/e2e.json' }],
  ],
  use: {
    baseURL: process.env.LANTHORN_E2E_URL ?? 'http://localhost:4466',
    // The local OIDC provider's certificate comes from the stack's own CA.
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
