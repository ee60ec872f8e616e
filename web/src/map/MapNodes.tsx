import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { MapNode, Tone } from '@/map/model';
import type { GroupInfo } from '@/map/view';

/** The map's two node shapes as @xyflow/react draws them: an object, and a group of pods. */

export const OBJECT_SIZE = { width: 210, height: 58 };
export const GROUP_SIZE = { width: 230, height: 72 };

export type ObjectNodeData = { node: MapNode; href: string | undefined; match: boolean };
export type GroupNodeData = { group: GroupInfo; id: string; onToggle: (id: string) => void };
export type ObjectFlowNode = Node<ObjectNodeData, 'object'>;
export type GroupFlowNode = Node<GroupNodeData, 'group'>;

export const TONE_WORDS: Record<Tone, string> = {
  good: 'healthy',
  warn: 'in progress',
  bad: 'failing',
  neutral: 'other',
};

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
      <span className="map-node-status">
        <span className="map-dot" aria-hidden="true" />
        {node.status.text}
      </span>
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

/** "3 healthy, 1 failing" */
export function toneSummary(tones: Record<Tone, number>): string {
  return (Object.keys(TONE_WORDS) as Tone[])
    .filter((tone) => tones[tone] > 0)
    .map((tone) => `${tones[tone]} ${TONE_WORDS[tone]}`)
    .join(', ');
}

export function worstTone(tones: Record<Tone, number>): Tone {
  if (tones.bad > 0) return 'bad';
  if (tones.warn > 0) return 'warn';
  if (tones.good > 0) return 'good';
  return 'neutral';
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
        <span className="map-node-status">
          <span className="map-dot" aria-hidden="true" />
          {toneSummary(group.tones)}
          {group.hidden > 0 ? ` · ${group.hidden} not drawn` : ''}
        </span>
      </button>
    </div>
  );
}

export const NODE_TYPES = { object: ObjectNode, group: GroupNode };
