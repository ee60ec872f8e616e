import dagre from '@dagrejs/dagre';

/**
 * Where each node of the map goes: a layered layout (dagre), left to right in the direction
 * of the edges: routes → Services → workloads → ReplicaSets → pods → what pods use → nodes.
 * Pure; `layoutClient.ts` runs it in a worker so a big map never blocks the page.
 */

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { from: string; to: string }[];
}

/** Top-left corners, by node id. */
export type Positions = Record<string, { x: number; y: number }>;

export function layoutGraph(input: LayoutInput): Positions {
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) {
    graph.setNode(node.id, { width: node.width, height: node.height });
  }
  for (const edge of input.edges) {
    if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) graph.setEdge(edge.from, edge.to);
  }
  dagre.layout(graph);
  const positions: Positions = {};
  for (const node of input.nodes) {
    const placed = graph.node(node.id);
    positions[node.id] = { x: placed.x - node.width / 2, y: placed.y - node.height / 2 };
  }
  return positions;
}
