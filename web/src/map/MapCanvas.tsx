import { useEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, MarkerType, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import type { MapKindSource } from '@/map/kinds';
import { runLayout } from '@/map/layoutClient';
import type { Positions } from '@/map/layout';
import { objectUrl } from '@/map/links';
import { GROUP_SIZE, NODE_TYPES, OBJECT_SIZE } from '@/map/MapNodes';
import type { GroupFlowNode, ObjectFlowNode } from '@/map/MapNodes';
import type { MapView } from '@/map/view';

interface Props {
  cluster: string;
  view: MapView;
  served: readonly MapKindSource[];
  onToggle: (groupId: string) => void;
  /** Fits the view again when it changes (a new namespace, grouping or filter). */
  fitKey: string;
}

/** A big map opens readable, on its middle, rather than shrunk to dots. */
const FIT = { minZoom: 0.55, maxZoom: 1, padding: 0.05 };

/**
 * Fits the map to what is drawn once the layout for a new `fitKey` has landed; a live change
 * (a pod replaced) keeps the viewport where the user left it.
 */
function FitOnChange({ fitKey, ready }: { fitKey: string; ready: boolean }) {
  const { fitView } = useReactFlow();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || fitted.current === fitKey) return;
    fitted.current = fitKey;
    void fitView(FIT);
  }, [ready, fitKey, fitView]);
  return null;
}

const takeClicks = () => undefined;

/** Node ids and edges, in order: a new layout only when these change, not on a status. */
function structureKey(view: MapView): string {
  return `${view.nodes.map((n) => n.id).join('\n')}\n--\n${view.edges.map((e) => e.id).join('\n')}`;
}

/** The graph drawn with @xyflow/react, laid out by dagre in a worker. */
export function MapCanvas({ cluster, view, served, onToggle, fitKey }: Props) {
  const structure = useMemo(() => structureKey(view), [view]);
  const [placed, setPlaced] = useState<{ structure: string; positions: Positions } | null>(null);

  useEffect(() => {
    let current = true;
    const input = {
      nodes: view.nodes.map((n) => ({ id: n.id, ...(n.group ? GROUP_SIZE : OBJECT_SIZE) })),
      edges: view.edges.map((e) => ({ from: e.from, to: e.to })),
    };
    void runLayout(input).then((positions) => {
      if (current) setPlaced({ structure, positions });
    });
    return () => {
      current = false;
    };
    // The structure says everything the layout depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure]);

  const nodes = useMemo(() => {
    if (placed === null) return [];
    const flow: (ObjectFlowNode | GroupFlowNode)[] = [];
    for (const node of view.nodes) {
      const position = placed.positions[node.id];
      // Laid out for an older structure: drawn once the new layout lands.
      if (position === undefined) continue;
      if (node.group !== undefined) {
        flow.push({
          id: node.id,
          type: 'group',
          position,
          data: { group: node.group, id: node.id, onToggle },
          ...GROUP_SIZE,
        });
      } else if (node.object !== undefined) {
        flow.push({
          id: node.id,
          type: 'object',
          position,
          data: {
            node: node.object,
            href: objectUrl(cluster, node.object, served),
            match: node.match,
          },
          ...OBJECT_SIZE,
        });
      }
    }
    return flow;
  }, [placed, view, cluster, served, onToggle]);

  const edges = useMemo(() => {
    const drawn = new Set(nodes.map((n) => n.id));
    return view.edges
      .filter((e) => drawn.has(e.from) && drawn.has(e.to))
      .map((e): Edge => ({
        id: e.id,
        source: e.from,
        target: e.to,
        className: `map-edge map-edge-${e.relation}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
        ...(e.count > 1 ? { label: `×${e.count}` } : {}),
        focusable: false,
      }));
  }, [nodes, view.edges]);

  if (placed === null) return <p className="muted map-canvas-wait">Laying out the map…</p>;
  return (
    <div className="map-canvas" data-testid="map-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        minZoom={0.05}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // A node with no handler of its own gets pointer-events: none; its link needs them.
        onNodeClick={takeClicks}
        disableKeyboardA11y
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
        aria-label="Resource map"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} fitViewOptions={FIT} />
        <FitOnChange fitKey={fitKey} ready={placed.structure === structure} />
      </ReactFlow>
    </div>
  );
}
