import { describe, expect, it } from 'vitest';
import type { MapKind } from '@/map/kinds';
import { MAP_KINDS } from '@/map/kinds';
import { buildGraph } from '@/map/model';
import type { MapGraph } from '@/map/model';
import {
  defaultGrouping,
  EXPANDED_LIMIT,
  filterGraph,
  groupGraph,
  GROUP_ABOVE_PODS,
  isUnfiltered,
  labelTest,
  NO_FILTER,
} from '@/map/view';
import { obj, webApp } from '@/map/fixtures';

const ALL: ReadonlySet<MapKind> = new Set(MAP_KINDS);

function twoApps(): MapGraph {
  const db = obj('StatefulSet', 'db', { spec: { replicas: 1 }, status: {} });
  const dbPod = obj('Pod', 'db-0', {
    owner: db,
    labels: { app: 'db', tier: 'data' },
    spec: { nodeName: 'node-2' },
    status: { phase: 'Pending' },
  });
  const bare = obj('Pod', 'debug', { spec: {}, status: { phase: 'Running' } });
  return buildGraph([...webApp(3), db, dbPod, bare], ALL);
}

const ids = (view: { nodes: { id: string }[] }) => view.nodes.map((n) => n.id).sort();

describe('groupGraph', () => {
  it('draws every object when not grouping', () => {
    const graph = twoApps();
    const view = groupGraph(graph, 'none', new Set());
    expect(view.nodes).toHaveLength(graph.nodes.length);
    expect(view.edges).toHaveLength(graph.edges.length);
  });

  it('gathers pods by workload, edges joined and counted', () => {
    const view = groupGraph(twoApps(), 'workload', new Set());
    expect(ids(view).filter((id) => id.startsWith('group:'))).toEqual([
      'group:workload:Deployment/demo/web',
      'group:workload:StatefulSet/demo/db',
      'group:workload:none/demo',
    ]);
    expect(ids(view).some((id) => id.startsWith('Pod/'))).toBe(false);
    const web = view.nodes.find((n) => n.id === 'group:workload:Deployment/demo/web')?.group;
    expect(web).toMatchObject({
      by: 'workload',
      label: 'Pods of Deployment web',
      anchor: 'Deployment/demo/web',
      expanded: false,
      tones: { good: 3, done: 0, pending: 0, warn: 0, bad: 0, info: 0, neutral: 0 },
    });
    expect(web?.members).toHaveLength(3);
    // Three ReplicaSet → pod edges become one, counted; the Service's three selects too.
    const owns = view.edges.find(
      (e) => e.id === 'owns:ReplicaSet/demo/web-abc>group:workload:Deployment/demo/web',
    );
    expect(owns?.count).toBe(3);
    const selects = view.edges.find((e) => e.relation === 'selects');
    expect(selects).toMatchObject({ to: 'group:workload:Deployment/demo/web', count: 3 });
    expect(view.nodes.find((n) => n.id === 'group:workload:none/demo')?.group?.label).toBe(
      'Pods of no workload in demo',
    );
  });

  it('gathers pods by node, unscheduled ones together', () => {
    const view = groupGraph(twoApps(), 'node', new Set());
    const groups = view.nodes.filter((n) => n.group !== undefined);
    expect(groups.map((g) => [g.id, g.group?.label, g.group?.members.length]).sort()).toEqual([
      ['group:node:', 'Pods not scheduled', 1],
      ['group:node:node-1', 'Pods on node-1', 3],
      ['group:node:node-2', 'Pods on node-2', 1],
    ]);
    expect(groups.find((g) => g.id === 'group:node:node-1')?.group?.anchor).toBe('Node//node-1');
    expect(
      view.edges.find((e) => e.relation === 'runs-on' && e.from === 'group:node:node-1'),
    ).toMatchObject({ to: 'Node//node-1', count: 3 });
  });

  it('draws the pods of an expanded group, and keeps its heading', () => {
    const key = 'group:workload:Deployment/demo/web';
    const view = groupGraph(twoApps(), 'workload', new Set([key]));
    expect(ids(view)).toContain('Pod/demo/web-abc-0');
    expect(ids(view)).toContain(key);
    expect(view.nodes.find((n) => n.id === key)?.group?.expanded).toBe(true);
    expect(ids(view)).not.toContain('Pod/demo/db-0');
  });

  it('draws at most EXPANDED_LIMIT pods of an expanded group', () => {
    const graph = buildGraph(webApp(EXPANDED_LIMIT + 5), ALL);
    const key = 'group:workload:Deployment/demo/web';
    const view = groupGraph(graph, 'workload', new Set([key]));
    expect(view.nodes.filter((n) => n.object?.kind === 'Pod')).toHaveLength(EXPANDED_LIMIT);
    expect(view.nodes.find((n) => n.id === key)?.group?.hidden).toBe(5);
  });

  it('opens grouped above the threshold only', () => {
    expect(defaultGrouping(buildGraph(webApp(GROUP_ABOVE_PODS), ALL))).toBe('none');
    expect(defaultGrouping(buildGraph(webApp(GROUP_ABOVE_PODS + 1), ALL))).toBe('workload');
  });

  it('stays a handful of nodes for thousands of pods', () => {
    const view = groupGraph(buildGraph(webApp(5000), ALL), 'workload', new Set());
    expect(view.nodes.length).toBeLessThan(10);
    expect(view.objects).toBeGreaterThan(5000);
  });
});

describe('filterGraph', () => {
  it('keeps the kinds asked for', () => {
    const { graph } = filterGraph(twoApps(), { ...NO_FILTER, kinds: new Set(['Pod', 'Service']) });
    expect(new Set(graph.nodes.map((n) => n.kind))).toEqual(new Set(['Pod', 'Service']));
    expect(graph.edges.every((e) => e.relation === 'selects')).toBe(true);
  });

  it('keeps the statuses asked for', () => {
    const { graph } = filterGraph(twoApps(), { ...NO_FILTER, tones: new Set(['pending']) });
    expect(graph.nodes.map((n) => n.name)).toEqual(['db-0']);
  });

  it('filters by label', () => {
    const only = (label: string) =>
      filterGraph(twoApps(), { ...NO_FILTER, label })
        .graph.nodes.map((n) => n.name)
        .sort();
    expect(only('app=db')).toEqual(['db-0']);
    expect(only('app')).toEqual(['db-0', 'web-abc-0', 'web-abc-1', 'web-abc-2']);
    expect(only('app,tier!=data')).toEqual(['web-abc-0', 'web-abc-1', 'web-abc-2']);
    expect(only('!app').includes('db-0')).toBe(false);
  });

  it('finds by name and keeps the neighbours as context', () => {
    const { graph, matches } = filterGraph(twoApps(), { ...NO_FILTER, search: 'DB-0' });
    expect([...matches]).toEqual(['Pod/demo/db-0']);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      'Node//node-2',
      'Pod/demo/db-0',
      'StatefulSet/demo/db',
    ]);
    const view = groupGraph(graph, 'none', new Set(), matches);
    expect(view.nodes.filter((n) => n.match).map((n) => n.id)).toEqual(['Pod/demo/db-0']);
  });

  it('knows a filter that lets everything through', () => {
    expect(isUnfiltered(NO_FILTER)).toBe(true);
    expect(isUnfiltered({ ...NO_FILTER, search: '  ' })).toBe(true);
    expect(isUnfiltered({ ...NO_FILTER, tones: new Set(['bad']) })).toBe(false);
  });

  it('matches everything without a search', () => {
    const graph = twoApps();
    const { matches } = filterGraph(graph, NO_FILTER);
    expect(matches.size).toBe(graph.nodes.length);
  });
});

describe('labelTest', () => {
  it('reads equality, inequality, existence and absence', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(labelTest('app=web')(labels)).toBe(true);
    expect(labelTest('app==web')(labels)).toBe(true);
    expect(labelTest('app = db')(labels)).toBe(false);
    expect(labelTest('app!=db, tier')(labels)).toBe(true);
    expect(labelTest('!tier')(labels)).toBe(false);
    expect(labelTest('')(labels)).toBe(true);
  });
});
