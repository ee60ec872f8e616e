import { collectionPath, kubeRequest, reportUnauthorized } from '@/api/kube';
import type { KubeObject, ResourceKind } from '@/api/kube';
import type { MapKind, MapKindSource } from '@/map/kinds';
import type { MapObject } from '@/map/model';
import type { WatchEvent } from '@/watch/events';
import type { WatchMux, WatchSubscription } from '@/watch/mux';

/**
 * The objects a map shows, kept current: each kind is listed (500 a page, every page) and
 * then watched over the tab's one `/watch` socket from the list's resourceVersion, as the
 * list pages do; a watch whose version expired (410) lists again. ConfigMaps and Secrets
 * are read as metadata only. Changes are gathered for `batchMs` before listeners hear of
 * them, so thousands of pods arriving at once make a few updates, not thousands.
 */

const METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const PAGE = 500;

export interface ObjectList {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

export type ListFetcher = (
  path: string,
  accept: string | undefined,
  signal: AbortSignal,
) => Promise<ObjectList>;

export interface MapDataOptions {
  cluster: string;
  /** undefined: every namespace. */
  namespace: string | undefined;
  kinds: readonly MapKindSource[];
  /** null: list once, no watch. */
  mux: WatchMux | null;
  fetchList?: ListFetcher;
  batchMs?: number;
}

export interface MapDataSnapshot {
  objects: MapObject[];
  /** Kinds read completely at least once. */
  listed: ReadonlySet<MapKind>;
  /** Kinds still being read for the first time. */
  loading: number;
  /** What failed, in words, per kind. */
  errors: { kind: MapKind; message: string }[];
}

const isAbort = (caught: unknown) => caught instanceof DOMException && caught.name === 'AbortError';

/** The objects a watch event carries: a Table's rows' objects, or the object itself. */
function eventObjects(object: unknown): KubeObject[] {
  const value = object as { rows?: { object?: unknown }[]; metadata?: { name?: unknown } } | null;
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value.rows)) {
    return value.rows.flatMap((row) => eventObjects(row.object));
  }
  return typeof value.metadata?.name === 'string' ? [value as KubeObject] : [];
}

/** Only what the map reads of an object: no managedFields, annotations or data. */
function slim(object: KubeObject): KubeObject {
  const { metadata } = object;
  const kept: KubeObject = {
    metadata: {
      name: metadata.name,
      ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
      ...(metadata.uid === undefined ? {} : { uid: metadata.uid }),
      ...(metadata.labels === undefined ? {} : { labels: metadata.labels }),
      ...(metadata.ownerReferences === undefined
        ? {}
        : { ownerReferences: metadata.ownerReferences }),
    },
  };
  const deleting = (metadata as { deletionTimestamp?: unknown }).deletionTimestamp;
  if (deleting !== undefined) Object.assign(kept.metadata, { deletionTimestamp: deleting });
  if (object.spec !== undefined) kept['spec'] = object.spec;
  if (object.status !== undefined) kept['status'] = object.status;
  return kept;
}

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

class Collection {
  readonly objects = new Map<string, KubeObject>();
  listed = false;
  /** The last list was read. */
  read = false;
  error: string | undefined;
  private controller: AbortController | null = null;
  private subscription: WatchSubscription | null = null;
  private generation = 0;

  constructor(
    private readonly data: MapData,
    readonly source: MapKindSource,
  ) {}

  private kind(): ResourceKind {
    const { group, version, resource, namespaced, kind } = this.source;
    return { group, version, resource, namespaced, kind, verbs: ['list', 'watch'], shortNames: [] };
  }

  private path(): string {
    return collectionPath(this.kind(), this.data.options.namespace);
  }

  stop(): void {
    this.generation += 1;
    this.controller?.abort();
    this.controller = null;
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  async relist(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    const fetchList = this.data.options.fetchList ?? this.data.defaultFetch;
    const accept = this.source.read === 'metadata' ? METADATA_ACCEPT : undefined;
    const seen = new Map<string, KubeObject>();
    try {
      let token: string | undefined;
      let resourceVersion: string | undefined;
      do {
        const params = new URLSearchParams({ limit: String(PAGE) });
        if (token !== undefined) params.set('continue', token);
        const page = await fetchList(
          `${this.path()}?${params.toString()}`,
          accept,
          controller.signal,
        );
        if (generation !== this.generation) return;
        resourceVersion ??= page.metadata?.resourceVersion;
        for (const item of page.items ?? []) seen.set(keyOf(item), slim(item));
        token = page.metadata?.continue === '' ? undefined : page.metadata?.continue;
      } while (token !== undefined);
      this.objects.clear();
      for (const [key, object] of seen) this.objects.set(key, object);
      this.listed = true;
      this.read = true;
      this.error = undefined;
      this.data.changed();
      this.watch(resourceVersion);
    } catch (caught) {
      if (generation !== this.generation || isAbort(caught)) return;
      this.error = caught instanceof Error ? caught.message : 'the list failed';
      this.listed = true;
      this.data.changed();
    }
  }

  private watch(resourceVersion: string | undefined): void {
    const mux = this.data.options.mux;
    if (mux === null) return;
    const generation = this.generation;
    this.subscription = mux.subscribe(
      {
        cluster: this.data.options.cluster,
        path: this.path(),
        ...(resourceVersion === undefined ? {} : { resourceVersion }),
        ...(this.source.read === 'metadata' ? { table: true } : {}),
      },
      {
        onEvent: (event) => {
          if (generation === this.generation) this.apply(event);
        },
        onExpired: () => {
          if (generation === this.generation) void this.relist();
        },
        onError: (failure) => {
          if (generation !== this.generation) return;
          this.subscription = null;
          if (failure.status === 401) reportUnauthorized(this.data.options.cluster);
          this.error = `not live: ${failure.message}`;
          this.data.changed();
        },
      },
    );
  }

  private apply(event: WatchEvent): void {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    for (const object of eventObjects(event.object)) {
      if (event.type === 'DELETED') this.objects.delete(keyOf(object));
      else this.objects.set(keyOf(object), slim(object));
    }
    this.data.changed();
  }
}

/** A map's objects of every kind; a `useSyncExternalStore` source. */
export class MapData {
  private readonly collections: Collection[];
  private readonly listeners = new Set<() => void>();
  private snapshot: MapDataSnapshot;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly options: MapDataOptions) {
    this.collections = options.kinds.map((source) => new Collection(this, source));
    this.snapshot = this.take();
  }

  readonly defaultFetch: ListFetcher = (path, accept, signal) =>
    kubeRequest<ObjectList>(this.options.cluster, path, {
      signal,
      ...(accept === undefined ? {} : { accept }),
    });

  start(): void {
    for (const collection of this.collections) void collection.relist();
  }

  stop(): void {
    for (const collection of this.collections) collection.stop();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  getSnapshot = (): MapDataSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Something changed: tell the listeners once the batch window has passed. */
  changed(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.snapshot = this.take();
      for (const listener of [...this.listeners]) listener();
    }, this.options.batchMs ?? 150);
  }

  private take(): MapDataSnapshot {
    const objects: MapObject[] = [];
    const listed = new Set<MapKind>();
    const errors: MapDataSnapshot['errors'] = [];
    let loading = 0;
    for (const collection of this.collections) {
      const { kind } = collection.source;
      if (!collection.listed) loading += 1;
      if (collection.read) listed.add(kind);
      if (collection.error !== undefined) errors.push({ kind, message: collection.error });
      for (const object of collection.objects.values()) objects.push({ kind, object });
    }
    return { objects, listed, loading, errors };
  }
}
