import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { MapNode } from '@/map/model';
import { toneSummary, worstTone } from '@/map/tones';
import type { GroupInfo } from '@/map/view';
import { StatusBadge } from '@/ui/StatusBadge';

/** The map's two node shapes as @xyflow/react draws them: an object, and a group of pods. */

export const OBJECT_SIZE = { width: 210, height: 58 };
export const GROUP_SIZE = { width: 230, height: 72 };

export type ObjectNodeData = { node: MapNode; href: string | undefined; match: boolean };
export type GroupNodeData = { group: GroupInfo; id: string; onToggle: (id: string) => void };
export type ObjectFlowNode = Node<ObjectNodeData, 'object'>;
export type GroupFlowNode = Node<GroupNodeData, 'group'>;

const handles = (
  <>
    <Handle type="target" position={Position.Left} isConnectable={false} />
    <Handle type="source" position={Position.Right} isConnectable={false} />
  </>
);

export function ObjectNode({ data }: NodeProps<ObjectFlowNode>) {
  const { node, href, match } = data;
  const body = (
    <>
      <span className="map-node-kind">{node.kind}</span>
      <span className="map-node-name" title={node.name}>
        {node.name}
      </span>
      <StatusBadge className="map-node-status" text={node.status.text} tone={node.status.tone} />
    </>
  );
  return (
    <div
      className={`map-node tone-${node.status.tone}${match ? '' : ' map-context'}${node.listed ? '' : ' map-standin'}`}
    >
      {handles}
      {href === undefined ? (
        <span className="map-node-body">{body}</span>
      ) : (
        <a className="map-node-body" href={href}>
          {body}
        </a>
      )}
    </div>
  );
}

export function GroupNode({ data }: NodeProps<GroupFlowNode>) {
  const { group, id, onToggle } = data;
  return (
    <div className={`map-node map-group tone-${worstTone(group.tones)}`}>
      {handles}
      <button
        type="button"
        className="map-node-body"
        aria-expanded={group.expanded}
        onClick={() => {
          onToggle(id);
        }}
      >
        <span className="map-node-kind">
          {group.members.length} {group.members.length === 1 ? 'pod' : 'pods'}
          {group.expanded ? ' · collapse' : ' · expand'}
        </span>
        <span className="map-node-name" title={group.label}>
          {group.label}
        </span>
        <StatusBadge
          className="map-node-status"
          text={`${toneSummary(group.tones)}${group.hidden > 0 ? ` · ${group.hidden} not drawn` : ''}`}
          tone={worstTone(group.tones)}
        />
      </button>
    </div>
  );
}

export const NODE_TYPES = { object: ObjectNode, group: GroupNode };
