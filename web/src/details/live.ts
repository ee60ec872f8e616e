import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { reportUnauthorized } from '@/api/kube';
import type { KubeObject } from '@/api/kube';
import type { WatchEvent } from '@/watch/events';
import type { WatchMux, WatchRequest, WatchSubscription } from '@/watch/mux';

/**
 * Keeps a cached answer of the query cache current from the `/watch` socket: one object
 * (its collection watched with `fieldSelector=metadata.name=NAME`) or a list (its
 * collection watched with the list's label selector). Events are written into the cache
 * with `setQueryData`, so whatever shows that query re-renders with no new GET.
 */

export interface LiveState {
  /** Subscribed (the socket may still be reconnecting; the mux says which). */
  watching: boolean;
  /** The watch said the object was deleted (it stays shown as last seen). */
  deleted: boolean;
  /** Why the watch stopped, when it failed. */
  error: string | undefined;
}

interface ObjectList {
  metadata?: { resourceVersion?: string };
  items?: KubeObject[];
}

function asObject(value: unknown): KubeObject | undefined {
  const object = value as Partial<KubeObject> | null;
  return typeof object === 'object' &&
    object !== null &&
    typeof object.metadata === 'object' &&
    typeof object.metadata.name === 'string'
    ? (object as KubeObject)
    : undefined;
}

const sameObject = (a: KubeObject, b: KubeObject) =>
  a.metadata.uid !== undefined && b.metadata.uid !== undefined
    ? a.metadata.uid === b.metadata.uid
    : a.metadata.name === b.metadata.name && a.metadata.namespace === b.metadata.namespace;

/** A list with one watch event applied: added or replaced in place, or removed. */
export function applyListEvent<L extends ObjectList>(list: L, event: WatchEvent): L {
  const object = asObject(event.object);
  if (object === undefined) return list;
  const items = list.items ?? [];
  const rv = object.metadata.resourceVersion;
  const metadata = rv === undefined ? list.metadata : { ...list.metadata, resourceVersion: rv };
  if (event.type === 'DELETED') {
    return { ...list, metadata, items: items.filter((item) => !sameObject(item, object)) };
  }
  if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return list;
  const at = items.findIndex((item) => sameObject(item, object));
  const next = at < 0 ? [...items, object] : items.map((item, i) => (i === at ? object : item));
  return { ...list, metadata, items: next };
}

export interface CacheWatchOptions {
  mux: WatchMux;
  client: QueryClient;
  /** The query whose answer the watch keeps current. */
  queryKey: QueryKey;
  /** The watch, without its resourceVersion (taken from the cached answer). */
  request: Omit<WatchRequest, 'resourceVersion'>;
  /** `object`: the answer is one object named `name`; `list`: an object list. */
  shape: { object: string } | 'list';
}

/** One watch that writes into one cached answer; a `useSyncExternalStore` source. */
export class CacheWatch {
  private readonly options: CacheWatchOptions;
  private state: LiveState = { watching: false, deleted: false, error: undefined };
  private readonly listeners = new Set<() => void>();
  private subscription: WatchSubscription | null = null;
  private generation = 0;
  private lastReread = 0;

  constructor(options: CacheWatchOptions) {
    this.options = options;
  }

  getSnapshot = (): LiveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  private cachedVersion(): string | undefined {
    const answer = this.options.client.getQueryData<{ metadata?: { resourceVersion?: string } }>(
      this.options.queryKey,
    );
    const rv = answer?.metadata?.resourceVersion;
    return rv === undefined || rv === '' ? undefined : rv;
  }

  /**
   * Subscribes: a list from its cached resourceVersion (a list's is the cluster's revision
   * when it was read); one object from now, with no version, since an object's own
   * resourceVersion is when it last changed and may be long compacted away. The watch then
   * starts with the object's current state as an ADDED event.
   */
  start(): void {
    this.stopSubscription();
    this.generation += 1;
    const generation = this.generation;
    const { mux, request, shape } = this.options;
    const rv = shape === 'list' ? this.cachedVersion() : undefined;
    this.subscription = mux.subscribe(
      { ...request, ...(rv === undefined ? {} : { resourceVersion: rv }) },
      {
        onEvent: (event) => {
          if (generation === this.generation) this.apply(event);
        },
        onExpired: () => {
          if (generation === this.generation) void this.reread(generation);
        },
        onError: (failure) => {
          if (generation !== this.generation) return;
          this.subscription = null;
          if (failure.status === 401) reportUnauthorized(request.cluster);
          this.set({ watching: false, error: failure.message });
        },
      },
    );
    this.set({ watching: true, error: undefined });
  }

  stop(): void {
    this.generation += 1;
    this.stopSubscription();
    this.state = { ...this.state, watching: false };
  }

  private stopSubscription(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /**
   * The version watched from is gone (410): read the answer again, then watch on from its
   * version; never sooner than a second after the last time, so a cluster answering 410
   * again and again is not asked in a tight loop.
   */
  private async reread(generation: number): Promise<void> {
    this.subscription = null;
    const wait = this.lastReread + 1_000 - Date.now();
    this.lastReread = Math.max(Date.now(), this.lastReread + 1_000);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (generation !== this.generation) return;
    try {
      await this.options.client.fetchQuery({ queryKey: this.options.queryKey, staleTime: 0 });
    } catch {
      // The page shows the failed read; the watch goes on from now.
    }
    if (generation === this.generation) this.start();
  }

  private apply(event: WatchEvent): void {
    const { client, queryKey, shape } = this.options;
    if (shape === 'list') {
      if (event.type === 'BOOKMARK') return;
      client.setQueryData<ObjectList>(queryKey, (list) =>
        list === undefined ? list : applyListEvent(list, event),
      );
      return;
    }
    const object = asObject(event.object);
    if (object === undefined || object.metadata.name !== shape.object) return;
    if (event.type === 'DELETED') {
      this.set({ deleted: true });
      return;
    }
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      client.setQueryData<KubeObject>(queryKey, object);
      if (this.state.deleted) this.set({ deleted: false });
    }
  }
}
