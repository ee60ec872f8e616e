import type { MapKind } from '@/map/kinds';
import type { MapGraph, MapNode, Relation, Tone } from '@/map/model';
import { noTones } from '@/map/tones';

/**
 * What the map shows of a graph: the filters (kind, label, status, a search), then pods
 * gathered into groups by workload or by node. A collapsed group is one node however many
 * pods it holds, so a namespace of thousands of pods draws a few dozen elements.
 */

export type Grouping = 'none' | 'workload' | 'node';

/** Above this many pods the map opens grouped by workload. */
export const GROUP_ABOVE_PODS = 300;
/** An expanded group draws at most this many of its pods (the search narrows it further). */
export const EXPANDED_LIMIT = 200;

export interface MapFilter {
  /** Part of a name, any case; matches are kept with their neighbours. */
  search: string;
  /** Kinds to show; empty: every kind. */
  kinds: ReadonlySet<MapKind>;
  /** `key`, `!key`, `key=value`, `key!=value`, joined by commas; empty: no filter. */
  label: string;
  /** Statuses to show; empty: every status. */
  tones: ReadonlySet<Tone>;
}

export const NO_FILTER: MapFilter = { search: '', kinds: new Set(), label: '', tones: new Set() };

/** Whether a filter lets everything through. */
export const isUnfiltered = (filter: MapFilter): boolean =>
  filter.search.trim() === '' &&
  filter.label.trim() === '' &&
  filter.kinds.size === 0 &&
  filter.tones.size === 0;

export interface GroupInfo {
  by: 'workload' | 'node';
  label: string;
  /** The workload or node the group is about, when it is in the graph. */
  anchor?: string;
  members: string[];
  tones: Record<Tone, number>;
  expanded: boolean;
  /** Members left out of an expanded group (past EXPANDED_LIMIT). */
  hidden: number;
}

export interface ViewNode {
  id: string;
  /** The object, for an object node. */
  object?: MapNode;
  /** The group, for a group node. */
  group?: GroupInfo;
  /** Matches the search (false for neighbours kept as context). */
  match: boolean;
}

export interface ViewEdge {
  id: string;
  from: string;
  to: string;
  relation: Relation;
  /** How many object edges it stands for. */
  count: number;
}

export interface MapView {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Objects shown or inside a shown group. */
  objects: number;
}

type LabelTest = (labels: Record<string, string>) => boolean;

/** A client-side label test; a term it cannot read matches nothing. */
export function labelTest(selector: string): LabelTest {
  const terms = selector
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '');
  const tests = terms.map((term): LabelTest => {
    const differs = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(term);
    if (differs !== null) {
      const [, key = '', value = ''] = differs;
      return (labels) => labels[key] !== value;
    }
    const equals = /^([^!=\s]+)\s*==?\s*(.*)$/.exec(term);
    if (equals !== null) {
      const [, key = '', value = ''] = equals;
      return (labels) => labels[key] === value;
    }
    if (term.startsWith('!')) {
      const key = term.slice(1).trim();
      return (labels) => !(key in labels);
    }
    return (labels) => term in labels;
  });
  return (labels) => tests.every((test) => test(labels));
}

/** The graph with the filters applied; `matches` are the search's hits. */
export function filterGraph(
  graph: MapGraph,
  filter: MapFilter,
): { graph: MapGraph; matches: ReadonlySet<string> } {
  const label = filter.label.trim() === '' ? null : labelTest(filter.label);
  const kept = graph.nodes.filter(
    (node) =>
      (filter.kinds.size === 0 || filter.kinds.has(node.kind)) &&
      (filter.tones.size === 0 || filter.tones.has(node.status.tone)) &&
      (label === null || label(node.labels)),
  );
  let ids = new Set(kept.map((node) => node.id));
  const needle = filter.search.trim().toLowerCase();
  const matches = new Set<string>();
  if (needle !== '') {
    for (const node of kept) {
      if (node.name.toLowerCase().includes(needle)) matches.add(node.id);
    }
    const near = new Set(matches);
    for (const edge of graph.edges) {
      if (!ids.has(edge.from) || !ids.has(edge.to)) continue;
      if (matches.has(edge.from)) near.add(edge.to);
      if (matches.has(edge.to)) near.add(edge.from);
    }
    ids = near;
  } else {
    for (const id of ids) matches.add(id);
  }
  return {
    graph: {
      nodes: kept.filter((node) => ids.has(node.id)),
      edges: graph.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to)),
    },
    matches,
  };
}

/** The group a pod falls in, or undefined (not a pod, or no grouping). */
export function groupKey(node: MapNode, grouping: Grouping): string | undefined {
  if (node.kind !== 'Pod' || grouping === 'none') return undefined;
  if (grouping === 'workload') {
    return `group:workload:${node.workload ?? `none/${node.namespace ?? ''}`}`;
  }
  return `group:node:${node.nodeName ?? ''}`;
}

function groupLabel(key: string, by: 'workload' | 'node', byId: Map<string, MapNode>): string {
  const rest = key.slice(`group:${by}:`.length);
  if (by === 'node') return rest === '' ? 'Pods not scheduled' : `Pods on ${rest}`;
  if (rest.startsWith('none/')) {
    const ns = rest.slice('none/'.length);
    return ns === '' ? 'Pods of no workload' : `Pods of no workload in ${ns}`;
  }
  const workload = byId.get(rest);
  return workload === undefined ? `Pods of ${rest}` : `Pods of ${workload.kind} ${workload.name}`;
}

/** The view of a (filtered) graph: pods grouped unless their group is in `expanded`. */
export function groupGraph(
  graph: MapGraph,
  grouping: Grouping,
  expanded: ReadonlySet<string>,
  matches?: ReadonlySet<string>,
): MapView {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const groups = new Map<string, GroupInfo>();
  /** Where each object is drawn: itself, or its collapsed group. */
  const drawnAt = new Map<string, string>();
  const nodes: ViewNode[] = [];
  const isMatch = (id: string) => matches === undefined || matches.has(id);

  for (const node of graph.nodes) {
    const key = groupKey(node, grouping);
    if (key === undefined || grouping === 'none') {
      drawnAt.set(node.id, node.id);
      continue;
    }
    let group = groups.get(key);
    if (group === undefined) {
      const by = grouping;
      const anchor = key.slice(`group:${by}:`.length);
      const anchorId = by === 'node' ? `Node//${anchor}` : anchor;
      group = {
        by,
        label: groupLabel(key, by, byId),
        ...(byId.has(anchorId) ? { anchor: anchorId } : {}),
        members: [],
        tones: noTones(),
        expanded: expanded.has(key),
        hidden: 0,
      };
      groups.set(key, group);
    }
    group.members.push(node.id);
    group.tones[node.status.tone] += 1;
    if (!group.expanded) {
      drawnAt.set(node.id, key);
    } else if (group.members.length <= EXPANDED_LIMIT) {
      drawnAt.set(node.id, node.id);
    } else {
      group.hidden += 1;
      drawnAt.set(node.id, key);
    }
  }

  for (const node of graph.nodes) {
    if (drawnAt.get(node.id) === node.id) {
      nodes.push({ id: node.id, object: node, match: isMatch(node.id) });
    }
  }
  for (const [key, group] of groups) {
    // An expanded group with every member drawn stays as a heading (for collapsing it).
    nodes.push({ id: key, group, match: group.members.some(isMatch) });
  }

  const edges = new Map<string, ViewEdge>();
  for (const edge of graph.edges) {
    const from = drawnAt.get(edge.from);
    const to = drawnAt.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    const id = `${edge.relation}:${from}>${to}`;
    const seen = edges.get(id);
    if (seen === undefined) edges.set(id, { id, from, to, relation: edge.relation, count: 1 });
    else seen.count += 1;
  }
  return { nodes, edges: [...edges.values()], objects: graph.nodes.length };
}

/** The grouping a map opens with: by workload above the threshold, else none. */
export function defaultGrouping(graph: MapGraph): Grouping {
  let pods = 0;
  for (const node of graph.nodes) if (node.kind === 'Pod') pods += 1;
  return pods > GROUP_ABOVE_PODS ? 'workload' : 'none';
}
