import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceKind } from '@/api/kube';
import { ApiError } from '@/api/http';
import { LiveTable } from '@/list/liveTable';
import type { PageFetcher } from '@/list/liveTable';
import type { TablePage, TableRow } from '@/list/table';
import { WatchMux } from '@/watch/mux';
import { FakeSocket, latestSocket } from '@/watch/fakeSocket';

const configmaps: ResourceKind = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  verbs: ['list', 'watch'],
  shortNames: ['cm'],
};

const row = (name: string, rv = '1', namespace = 'demo'): TableRow => ({
  cells: [name, 1],
  object: { metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: rv } },
});

const page = (rows: TableRow[], rv: string, continueToken?: string): TablePage => ({
  columns: [
    { name: 'Name', type: 'string', format: 'name', priority: 0 },
    { name: 'Data', type: 'integer', priority: 0 },
  ],
  rows,
  resourceVersion: rv,
  continueToken,
  remaining: undefined,
});

/** Answers list requests in order, recording their paths. */
function pages(...answers: (TablePage | Error)[]) {
  const paths: string[] = [];
  const fetchPage: PageFetcher = (path) => {
    paths.push(path);
    const next = answers.shift();
    if (next === undefined) return Promise.reject(new Error('no more pages'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { paths, fetchPage };
}

const names = (table: LiveTable) =>
  table
    .getSnapshot()
    .rows.map((r) => r.object.metadata.name)
    .sort();

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

let mux: WatchMux;

beforeEach(() => {
  FakeSocket.all = [];
  mux = new WatchMux({
    url: 'ws://test/watch',
    createSocket: (url) => new FakeSocket(url),
    random: () => 0,
  });
});

afterEach(() => {
  mux.close();
});

function tableEvent(type: string, r: TableRow) {
  return { type, object: { kind: 'Table', columnDefinitions: [], rows: [r] } };
}

describe('LiveTable', () => {
  it('lists every page, then watches from the first page version and applies events', async () => {
    const { paths, fetchPage } = pages(
      page([row('a'), row('b')], '100', 'next'),
      page([row('c')], '100'),
    );
    const table = new LiveTable({
      cluster: 'dev',
      kind: configmaps,
      namespaces: ['demo'],
      labelSelector: 'app=x',
      mux,
      fetchPage,
      batchMs: 0,
    });
    table.start();
    await settle();
    expect(paths).toEqual([
      '/api/v1/namespaces/demo/configmaps?includeObject=Metadata&limit=500&labelSelector=app%3Dx',
      '/api/v1/namespaces/demo/configmaps?includeObject=Metadata&limit=500&continue=next&labelSelector=app%3Dx',
    ]);
    expect(names(table)).toEqual(['a', 'b', 'c']);
    expect(table.getSnapshot().columns.map((c) => c.name)).toEqual(['Name', 'Data']);
    expect(table.getSnapshot().sources).toEqual([
      { namespace: 'demo', phase: 'ready', more: false, watching: true },
    ]);

    const socket = latestSocket();
    socket.serverOpens();
    const [sub] = socket.subscriptions();
    expect(sub).toMatchObject({
      cluster: 'dev',
      path: '/api/v1/namespaces/demo/configmaps',
      resourceVersion: '100',
      table: true,
      labelSelector: 'app=x',
    });
    const id = sub?.['id'];
    socket.serverSends({ type: 'event', id, event: tableEvent('ADDED', row('d', '101')) });
    socket.serverSends({ type: 'event', id, event: tableEvent('DELETED', row('a', '102')) });
    const changed = { ...row('b', '103'), cells: ['b', 9] };
    socket.serverSends({ type: 'event', id, event: tableEvent('MODIFIED', changed) });
    await settle();
    expect(names(table)).toEqual(['b', 'c', 'd']);
    expect(table.getSnapshot().rows.find((r) => r.object.metadata.name === 'b')?.cells).toEqual([
      'b',
      9,
    ]);
    // The columns of the list stay when events carry none.
    expect(table.getSnapshot().columns).toHaveLength(2);
    table.stop();
  });

  it('relists on 410 and drops rows that are gone', async () => {
    const { fetchPage } = pages(page([row('a'), row('b')], '100'), page([row('b')], '200'));
    const table = new LiveTable({
      cluster: 'dev',
      kind: configmaps,
      namespaces: ['demo'],
      mux,
      fetchPage,
      batchMs: 0,
    });
    table.start();
    await settle();
    const socket = latestSocket();
    socket.serverOpens();
    const id = socket.subscriptions()[0]?.['id'];
    socket.serverSends({
      type: 'event',
      id,
      event: { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } },
    });
    await settle();
    expect(names(table)).toEqual(['b']);
    const again = socket.subscriptions()[1];
    expect(again).toMatchObject({ resourceVersion: '200' });
    table.stop();
  });

  it('reports a refused list per namespace and keeps the others', async () => {
    const { fetchPage } = pages(
      page([row('a')], '5'),
      new ApiError(403, 'Forbidden', 'configmaps is forbidden'),
    );
    const table = new LiveTable({
      cluster: 'dev',
      kind: configmaps,
      namespaces: ['demo', 'kube-system'],
      mux: null,
      fetchPage,
      batchMs: 0,
    });
    table.start();
    await settle();
    expect(names(table)).toEqual(['a']);
    const [demo, system] = table.getSnapshot().sources;
    expect(demo).toMatchObject({ namespace: 'demo', phase: 'ready', watching: false });
    expect(system).toMatchObject({
      namespace: 'kube-system',
      phase: 'error',
      error: { status: 403, message: 'configmaps is forbidden' },
    });
  });

  it('stops after the auto-load budget and loads more on request', async () => {
    const { paths, fetchPage } = pages(
      page([row('a')], '1', 't1'),
      page([row('b')], '1', 't2'),
      page([row('c')], '1'),
    );
    const table = new LiveTable({
      cluster: 'dev',
      kind: configmaps,
      namespaces: ['demo'],
      mux: null,
      fetchPage,
      autoLoadRows: 1,
      batchMs: 0,
    });
    table.start();
    await settle();
    expect(names(table)).toEqual(['a', 'b']);
    expect(table.getSnapshot().sources[0]?.more).toBe(true);
    table.loadMore();
    await settle();
    expect(names(table)).toEqual(['a', 'b', 'c']);
    expect(table.getSnapshot().sources[0]?.more).toBe(false);
    expect(paths).toHaveLength(3);
  });

  it('lets watch events win over rows of later pages', async () => {
    let release: (p: TablePage) => void = () => undefined;
    const second = new Promise<TablePage>((resolve) => {
      release = resolve;
    });
    const answers = [Promise.resolve(page([row('a')], '10', 'more')), second];
    const table = new LiveTable({
      cluster: 'dev',
      kind: configmaps,
      namespaces: ['demo'],
      mux,
      fetchPage: () => answers.shift() ?? Promise.reject(new Error('done')),
      batchMs: 0,
    });
    table.start();
    await settle();
    const socket = latestSocket();
    socket.serverOpens();
    const id = socket.subscriptions()[0]?.['id'];
    socket.serverSends({ type: 'event', id, event: tableEvent('DELETED', row('old', '11')) });
    release(page([row('old'), row('z')], '10'));
    await settle();
    expect(names(table)).toEqual(['a', 'z']);
    table.stop();
  });
});
