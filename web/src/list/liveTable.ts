import { ApiError } from '@/api/http';
import { collectionPath, kubeRequest, reportUnauthorized } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';
import { pageFromAnswer, rowFromEvent, rowKey, TABLE_ACCEPT } from '@/list/table';
import type { KubeTable, TableColumn, TablePage, TableRow } from '@/list/table';
import type { WatchEvent } from '@/watch/events';
import type { WatchMux, WatchSubscription } from '@/watch/mux';

/**
 * The rows of one kind in some namespaces, kept up to date. Each namespace (or "all") is a
 * source: it lists page by page (500 rows a page, up to `autoLoadRows` before waiting for
 * "load more"), starts watching from the first page's resourceVersion, and lists again when
 * the watch says that version expired. Watch events win over rows of later pages, which
 * come from the older snapshot.
 */

export interface SourceStatus {
  /** undefined: every namespace (or a cluster-scoped kind). */
  namespace: string | undefined;
  phase: 'loading' | 'ready' | 'error';
  error?: { status: number; message: string };
  /** More pages wait for "load more". */
  more: boolean;
  /** How many objects those pages hold, when the server says. */
  remaining?: number;
  watching: boolean;
  watchError?: string;
}

export interface LiveTableSnapshot {
  columns: TableColumn[];
  rows: TableRow[];
  sources: SourceStatus[];
}

export type PageFetcher = (path: string, signal: AbortSignal) => Promise<TablePage>;

export interface LiveTableOptions {
  cluster: string;
  kind: ResourceKind;
  /** undefined stands for every namespace. */
  namespaces: (string | undefined)[];
  labelSelector?: string;
  /** null: list only, no live updates. */
  mux: WatchMux | null;
  autoLoadRows?: number;
  pageSize?: number;
  fetchPage?: PageFetcher;
  /** How long to gather changes before telling listeners (ms). */
  batchMs?: number;
}

const defaultFetch =
  (cluster: string): PageFetcher =>
  async (path, signal) =>
    pageFromAnswer(await kubeRequest<KubeTable>(cluster, path, { accept: TABLE_ACCEPT, signal }));

const isAbort = (caught: unknown) => caught instanceof DOMException && caught.name === 'AbortError';

class Source {
  status: SourceStatus;
  private generation = 0;
  private controller: AbortController | null = null;
  private continueToken: string | undefined;
  private remaining: number | undefined;
  private subscription: WatchSubscription | null = null;
  /** Rows this source put in the table. */
  private readonly owned = new Set<string>();
  /** Rows the watch changed since the current listing began. */
  private touched = new Set<string>();

  constructor(
    private readonly table: LiveTable,
    private readonly options: Required<Pick<LiveTableOptions, 'autoLoadRows' | 'pageSize'>> &
      LiveTableOptions,
    readonly namespace: string | undefined,
  ) {
    this.status = { namespace, phase: 'loading', more: false, watching: false };
  }

  private setStatus(patch: Partial<SourceStatus>): void {
    this.status = { ...this.status, ...patch };
    this.table.changed();
  }

  private pagePath(continueToken: string | undefined): string {
    const params = new URLSearchParams({
      includeObject: 'Metadata',
      limit: String(this.options.pageSize),
    });
    if (continueToken !== undefined) params.set('continue', continueToken);
    if (this.options.labelSelector !== undefined && this.options.labelSelector !== '') {
      params.set('labelSelector', this.options.labelSelector);
    }
    return `${collectionPath(this.options.kind, this.namespace)}?${params.toString()}`;
  }

  stop(): void {
    this.generation += 1;
    this.controller?.abort();
    this.controller = null;
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /** Lists from scratch; rows the new listing does not have are removed at the end. */
  async relist(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    this.touched = new Set();
    const seen = new Set<string>();
    this.setStatus({ phase: 'loading', watching: false });
    try {
      const first = await this.fetch(undefined, controller.signal);
      if (generation !== this.generation) return;
      this.merge(first, seen);
      this.watch(first.resourceVersion);
      await this.loadPages(generation, controller.signal, seen);
      if (generation !== this.generation) return;
      for (const key of [...this.owned]) {
        if (!seen.has(key) && !this.touched.has(key)) {
          this.owned.delete(key);
          this.table.remove(key);
        }
      }
      this.setStatus({ phase: 'ready' });
    } catch (caught) {
      if (generation === this.generation && !isAbort(caught)) this.failed(caught);
    }
  }

  /** Loads the next pages after a "load more". */
  async loadMore(): Promise<void> {
    if (this.continueToken === undefined || this.controller === null) return;
    const generation = this.generation;
    this.setStatus({ phase: 'loading' });
    try {
      await this.loadPages(generation, this.controller.signal, new Set());
      if (generation === this.generation) this.setStatus({ phase: 'ready' });
    } catch (caught) {
      if (generation !== this.generation || isAbort(caught)) return;
      if (caught instanceof ApiError && caught.status === 410) {
        // The continue token expired: start over.
        void this.relist();
      } else {
        this.failed(caught);
      }
    }
  }

  private async fetch(continueToken: string | undefined, signal: AbortSignal): Promise<TablePage> {
    const fetchPage = this.options.fetchPage ?? defaultFetch(this.options.cluster);
    const page = await fetchPage(this.pagePath(continueToken), signal);
    this.continueToken = page.continueToken;
    return page;
  }

  private async loadPages(generation: number, signal: AbortSignal, seen: Set<string>) {
    let loaded = seen.size;
    const budget = loaded + this.options.autoLoadRows;
    while (this.continueToken !== undefined && loaded < budget) {
      const page = await this.fetch(this.continueToken, signal);
      if (generation !== this.generation) return;
      this.merge(page, seen);
      loaded += page.rows.length;
    }
    const more = this.continueToken !== undefined;
    this.setStatus({ more });
    if (more && this.remaining !== undefined) this.setStatus({ remaining: this.remaining });
  }

  private merge(page: TablePage, seen: Set<string>): void {
    this.table.setColumns(page.columns);
    this.remaining = page.remaining;
    for (const row of page.rows) {
      const key = rowKey(row);
      seen.add(key);
      if (this.touched.has(key)) continue;
      this.owned.add(key);
      this.table.put(key, row);
    }
    this.setStatus({ more: page.continueToken !== undefined });
  }

  private watch(resourceVersion: string | undefined): void {
    const mux = this.options.mux;
    if (mux === null || !this.options.kind.verbs.includes('watch')) return;
    const generation = this.generation;
    this.subscription = mux.subscribe(
      {
        cluster: this.options.cluster,
        path: collectionPath(this.options.kind, this.namespace),
        table: true,
        ...(resourceVersion === undefined ? {} : { resourceVersion }),
        ...(this.options.labelSelector === undefined || this.options.labelSelector === ''
          ? {}
          : { labelSelector: this.options.labelSelector }),
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
          if (failure.status === 401) reportUnauthorized(this.options.cluster);
          this.setStatus({ watching: false, watchError: failure.message });
        },
      },
    );
    this.status = { ...this.status, watching: true };
    delete this.status.watchError;
    this.table.changed();
  }

  private apply(event: WatchEvent): void {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const found = rowFromEvent(event.object);
    if (found === undefined) return;
    const key = rowKey(found.row);
    this.touched.add(key);
    this.table.setColumns(found.columns);
    if (event.type === 'DELETED') {
      this.owned.delete(key);
      this.table.remove(key);
    } else {
      this.owned.add(key);
      this.table.put(key, found.row);
    }
  }

  private failed(caught: unknown): void {
    const error =
      caught instanceof ApiError
        ? { status: caught.status, message: caught.message }
        : { status: 0, message: 'the cluster could not be reached' };
    this.setStatus({ phase: 'error', error, more: false });
  }
}

export class LiveTable {
  private readonly rows = new Map<string, TableRow>();
  private columns: TableColumn[] = [];
  private readonly sources: Source[];
  private readonly listeners = new Set<() => void>();
  private snapshot: LiveTableSnapshot;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly batchMs: number;

  constructor(options: LiveTableOptions) {
    const full = { autoLoadRows: 10_000, pageSize: 500, ...options };
    const namespaces = options.kind.namespaced ? [...new Set(options.namespaces)] : [undefined];
    this.sources = namespaces.map((ns) => new Source(this, full, ns));
    this.batchMs = options.batchMs ?? 50;
    this.snapshot = this.makeSnapshot();
  }

  start(): void {
    for (const source of this.sources) void source.relist();
  }

  stop(): void {
    for (const source of this.sources) source.stop();
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  loadMore(): void {
    for (const source of this.sources) if (source.status.more) void source.loadMore();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): LiveTableSnapshot => this.snapshot;

  /** @internal used by sources */
  setColumns(columns: TableColumn[]): void {
    if (this.columns.length === 0 && columns.length > 0) {
      this.columns = columns;
      this.changed();
    }
  }

  /** @internal */
  put(key: string, row: TableRow): void {
    this.rows.set(key, row);
    this.changed();
  }

  /** @internal */
  remove(key: string): void {
    if (this.rows.delete(key)) this.changed();
  }

  /** @internal Tells listeners soon, gathering changes (longer for big lists, which sort slower). */
  changed(): void {
    if (this.flushTimer !== null) return;
    const delay = this.rows.size > 5_000 ? Math.max(this.batchMs, 500) : this.batchMs;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.snapshot = this.makeSnapshot();
      for (const listener of [...this.listeners]) listener();
    }, delay);
  }

  private makeSnapshot(): LiveTableSnapshot {
    return {
      columns: this.columns,
      rows: [...this.rows.values()],
      sources: this.sources.map((source) => source.status),
    };
  }
}
