import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { MuxState, WatchMux } from '@/watch/mux';
import { sharedWatchMux } from '@/watch/sharedMux';

const WatchMuxContext = createContext<WatchMux | null>(null);

/** Lets tests (or a future embedding) give the pages their own multiplexer. */
export function WatchMuxProvider({ mux, children }: { mux: WatchMux; children: ReactNode }) {
  return <WatchMuxContext.Provider value={mux}>{children}</WatchMuxContext.Provider>;
}

/** The multiplexer in use: the provided one, else the tab's shared one. */
export function useWatchMux(): WatchMux {
  return useContext(WatchMuxContext) ?? sharedWatchMux();
}

/** The multiplexer's connection state, re-rendering when it changes. */
export function useMuxState(mux: WatchMux): MuxState {
  return useSyncExternalStore(mux.onStateChange, mux.getState);
}

/** "Live" while the socket is open, "Reconnecting…" while it is being re-established. */
export function LiveIndicator({ mux }: { mux: WatchMux }) {
  const state = useMuxState(mux);
  const live = state === 'live';
  const text = live ? 'Live' : state === 'reconnecting' ? 'Reconnecting…' : '';
  return (
    <span role="status" className={live ? 'live-indicator live' : 'live-indicator'}>
      {text}
    </span>
  );
}
