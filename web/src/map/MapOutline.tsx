import type { ReactNode } from 'react';
import { MAP_KINDS, KIND_PLURALS } from '@/map/kinds';
import type { MapKindSource } from '@/map/kinds';
import { objectUrl, RELATION_WORDS } from '@/map/links';
import { toneSummary, worstTone } from '@/map/tones';
import type { MapView, ViewEdge, ViewNode } from '@/map/view';
import { StatusBadge } from '@/ui/StatusBadge';

/** At most this many entries are listed; the search narrows the rest. */
const LISTED_LIMIT = 600;

interface Props {
  cluster: string;
  view: MapView;
  served: readonly MapKindSource[];
  onToggle: (groupId: string) => void;
}

const kindRank = new Map<string, number>(MAP_KINDS.map((kind, i) => [kind, i]));

function order(node: ViewNode): [number, string] {
  if (node.group !== undefined) {
    return [kindRank.get('Pod') ?? 0, `0${node.group.label}`];
  }
  return [kindRank.get(node.object?.kind ?? '') ?? 99, `1${node.object?.name ?? node.id}`];
}

function label(node: ViewNode | undefined, id: string): string {
  if (node?.group !== undefined) return node.group.label;
  if (node?.object !== undefined) return `${node.object.kind} ${node.object.name}`;
  return id;
}

/**
 * The same graph as a list, for the keyboard and screen readers: every object (or group)
 * under its kind, its status in words, and each relation as a link to the other end.
 */
export function MapOutline({ cluster, view, served, onToggle }: Props) {
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, ViewEdge[]>();
  const incoming = new Map<string, ViewEdge[]>();
  const put = (index: Map<string, ViewEdge[]>, id: string, edge: ViewEdge) => {
    const known = index.get(id);
    if (known === undefined) index.set(id, [edge]);
    else known.push(edge);
  };
  for (const edge of view.edges) {
    put(outgoing, edge.from, edge);
    put(incoming, edge.to, edge);
  }
  const sorted = [...view.nodes].sort((a, b) => {
    const [ra, na] = order(a);
    const [rb, nb] = order(b);
    return ra - rb || na.localeCompare(nb);
  });
  const shown = sorted.slice(0, LISTED_LIMIT);

  const linkTo = (id: string): ReactNode => {
    const node = byId.get(id);
    const href = node?.object === undefined ? undefined : objectUrl(cluster, node.object, served);
    return href === undefined ? label(node, id) : <a href={href}>{label(node, id)}</a>;
  };

  const relations = (id: string) => {
    const lines = [
      ...(outgoing.get(id) ?? []).map((e) => ({
        key: e.id,
        words: RELATION_WORDS[e.relation][0],
        other: e.to,
        count: e.count,
      })),
      ...(incoming.get(id) ?? []).map((e) => ({
        key: `${e.id}<`,
        words: RELATION_WORDS[e.relation][1],
        other: e.from,
        count: e.count,
      })),
    ];
    if (lines.length === 0) return null;
    return (
      <ul className="map-outline-relations">
        {lines.map((line) => (
          <li key={line.key}>
            {line.words} {linkTo(line.other)}
            {line.count > 1 ? ` (${line.count})` : ''}
          </li>
        ))}
      </ul>
    );
  };

  const sections: { title: string; nodes: ViewNode[] }[] = [];
  for (const node of shown) {
    const title =
      node.group !== undefined ? 'Pod groups' : KIND_PLURALS[node.object?.kind ?? 'Pod'];
    const last = sections[sections.length - 1];
    if (last?.title === title) last.nodes.push(node);
    else sections.push({ title, nodes: [node] });
  }

  return (
    <div className="map-outline">
      {sections.map((section) => (
        <section key={section.title} aria-label={section.title}>
          <h2>
            {section.title} <span className="muted">({section.nodes.length})</span>
          </h2>
          <ul>
            {section.nodes.map((node) => (
              <li key={node.id} className={node.match ? undefined : 'map-context'}>
                {node.group !== undefined ? (
                  <>
                    <button
                      type="button"
                      className="map-outline-toggle"
                      aria-expanded={node.group.expanded}
                      onClick={() => {
                        onToggle(node.id);
                      }}
                    >
                      {node.group.label}
                    </button>{' '}
                    <StatusBadge
                      text={`${node.group.members.length} pods: ${toneSummary(node.group.tones)}`}
                      tone={worstTone(node.group.tones)}
                    />
                  </>
                ) : (
                  node.object !== undefined && (
                    <>
                      {linkTo(node.id)}{' '}
                      <StatusBadge text={node.object.status.text} tone={node.object.status.tone} />
                    </>
                  )
                )}
                {relations(node.id)}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {sorted.length > shown.length && (
        <p className="muted">
          {sorted.length - shown.length} more not listed: narrow the map with the search or the
          filters.
        </p>
      )}
    </div>
  );
}
