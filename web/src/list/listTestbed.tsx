/** For the list's tests: ListPage rendered with a fresh watch multiplexer over fake sockets. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { ListPage } from '@/list/ListPage';
import { NavigationProvider } from '@/nav/navigation';
import type { Navigate } from '@/nav/navigation';
import type { ListQuery } from '@/routes';
import { forgetEverything } from '@/testing/fakeCluster';
import { FakeSocket } from '@/watch/fakeSocket';
import { WatchMux } from '@/watch/mux';
import { WatchMuxProvider } from '@/watch/WatchContext';

/**
 * Sets up each test of the calling file (caches forgotten, a new multiplexer, fetch restored
 * afterwards) and returns how to show a list and the `navigate` it was given.
 */
export function listTestbed() {
  let mux: WatchMux | null = null;
  const navigate = vi.fn<Navigate>();
  beforeEach(() => {
    forgetEverything();
    FakeSocket.all = [];
    navigate.mockReset();
    mux = new WatchMux({ url: 'ws://test/watch', createSocket: (url) => new FakeSocket(url) });
  });
  afterEach(() => {
    cleanup();
    mux?.close();
    vi.unstubAllGlobals();
  });
  const show = (kind: ResourceKind, query: ListQuery) => {
    if (mux === null) throw new Error('listTestbed() shows lists inside tests only');
    return render(
      <NavigationProvider navigate={navigate}>
        <WatchMuxProvider mux={mux}>
          <ListPage cluster="dev" kind={kind} query={query} />
        </WatchMuxProvider>
      </NavigationProvider>,
    );
  };
  return { show, navigate };
}
