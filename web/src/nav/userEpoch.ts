import { useSyncExternalStore } from 'react';

/**
 * A counter that moves whenever the signed-in user may have changed (sign-in, sign-out), so
 * hooks holding answers about "what may this user see" ask again.
 */

let epoch = 0;
const listeners = new Set<() => void>();

export function bumpUserEpoch(): void {
  epoch += 1;
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useUserEpoch(): number {
  return useSyncExternalStore(subscribe, () => epoch);
}
