/** Runs before every test file (vite.config.ts `test.setupFiles`). */
import { notifyManager } from '@tanstack/react-query';
import { beforeEach } from 'vitest';
import { queryClient } from '@/api/query';

// Query results reach components in the same microtask run as the stubbed fetch that
// answered them (TanStack's default waits for a timer), so a test that awaits one thing
// on screen sees everything that one request brought, as it did before queries.
notifyManager.setScheduler(queueMicrotask);

// Each test starts from an empty cache: no answer of one test is seen by the next.
beforeEach(() => {
  queryClient.clear();
});
