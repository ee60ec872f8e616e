import { useCallback, useMemo, useState } from 'react';
import { useAccessAnswer } from '@/api/access';
import { KIND_PLURALS } from '@/map/kinds';
import { MapCanvas } from '@/map/MapCanvas';
import { MapControls } from '@/map/MapControls';
import { MapOutline } from '@/map/MapOutline';
import { buildGraph } from '@/map/model';
import { useMapData, useMapKinds } from '@/map/useMapData';
import { defaultGrouping, filterGraph, groupGraph, isUnfiltered, NO_FILTER } from '@/map/view';
import type { Grouping, MapFilter } from '@/map/view';
import { useNamespaceChoices } from '@/nav/namespaces';
import { LiveIndicator, useWatchMux } from '@/watch/WatchContext';
import { Select } from '@/ui/Select';
import '@/map/map.css';

interface Props {
  cluster: string;
  /** From the address; undefined: every namespace, or the user's own when bound to one. */
  namespace: string | undefined;
  onNamespace: (namespace: string | undefined) => void;
}

/**
 * The resource map page: a namespace's workloads, pods, Services, routes, what the pods use
 * and where they run, live. Loaded as its own chunk the first time it is opened.
 */
export default function MapPage({ cluster, namespace, onNamespace }: Props) {
  const choices = useNamespaceChoices(cluster);
  // "All namespaces" is for those who may read pods cluster-wide.
  const mayAll = useAccessAnswer(cluster, { verb: 'list', group: '', resource: 'pods' });
  const ownNamespace = choices.candidates[0];
  const shown = namespace ?? (mayAll === false ? ownNamespace : undefined);
  const deciding =
    mayAll === null || (mayAll === false && namespace === undefined && !choices.loaded);
  const options = [
    ...new Set([...choices.options, ...(shown === undefined ? [] : [shown])]),
  ].sort();

  return (
    <div className="map-page">
      <div className="map-heading">
        <h1>Map</h1>
        <label className="namespace-select">
          Namespace{' '}
          <Select
            value={shown ?? ''}
            onChange={(event) => {
              onNamespace(event.target.value === '' ? undefined : event.target.value);
            }}
          >
            {(mayAll === true || shown === undefined) && (
              <option value="">{mayAll === true ? 'All namespaces' : 'Choose one'}</option>
            )}
            {options.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {deciding ? (
        <p className="muted">Loading…</p>
      ) : mayAll === false && shown === undefined ? (
        <p>Choose a namespace to map.</p>
      ) : (
        <NamespaceMap key={shown ?? ''} cluster={cluster} namespace={shown} />
      )}
    </div>
  );
}

/** What, when it changes, makes the map fit its view again. */
const fitKeyOf = (namespace: string | undefined, grouping: Grouping, filter: MapFilter) =>
  JSON.stringify([
    namespace,
    grouping,
    filter.search.trim(),
    filter.label.trim(),
    [...filter.kinds],
    [...filter.tones],
  ]);

function NamespaceMap({ cluster, namespace }: { cluster: string; namespace: string | undefined }) {
  const kinds = useMapKinds(cluster, namespace);
  const data = useMapData(cluster, namespace, kinds.allowed);
  const mux = useWatchMux();
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const [chosenGrouping, setGrouping] = useState<Grouping | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [shape, setShape] = useState<'graph' | 'list'>('graph');

  const graph = useMemo(() => buildGraph(data.objects, data.listed), [data]);
  const grouping = chosenGrouping ?? defaultGrouping(graph);
  const view = useMemo(() => {
    const filtered = filterGraph(graph, filter);
    return groupGraph(filtered.graph, grouping, expanded, filtered.matches);
  }, [graph, filter, grouping, expanded]);
  const onToggle = useCallback((id: string) => {
    setExpanded((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  if (kinds.allowed === null) return <p className="muted">Loading…</p>;
  const served = kinds.allowed;
  // Drawn once every kind was read, so the first view fits the whole map.
  const loading = data.loading > 0;
  return (
    <>
      <MapControls
        filter={filter}
        onFilter={setFilter}
        grouping={grouping}
        onGrouping={(next) => {
          setGrouping(next);
          setExpanded(new Set());
        }}
        shape={shape}
        onShape={setShape}
        kinds={served.map((kind) => kind.kind)}
      />
      <p className="map-summary">
        <span>
          {view.objects} objects, {view.nodes.length} drawn, {view.edges.length} links
          {data.loading > 0 ? ' (loading…)' : ''}
        </span>{' '}
        <LiveIndicator mux={mux} />
      </p>
      {kinds.refused.length > 0 && (
        <p className="muted map-note">
          Not shown: {kinds.refused.map((kind) => KIND_PLURALS[kind]).join(', ')} (you may not list
          them {namespace === undefined ? 'cluster-wide' : `in ${namespace}`}); objects of these
          kinds that others refer to appear by name.
        </p>
      )}
      {data.errors.length > 0 && (
        <ul className="map-errors">
          {data.errors.map((error) => (
            <li key={error.kind} className="error">
              {KIND_PLURALS[error.kind]}: {error.message}
            </li>
          ))}
        </ul>
      )}
      {loading ? (
        <p className="muted">Reading the namespace…</p>
      ) : view.nodes.length === 0 ? (
        <p>Nothing to map{isUnfiltered(filter) ? ' here' : ' with these filters'}.</p>
      ) : shape === 'graph' ? (
        <MapCanvas
          cluster={cluster}
          view={view}
          served={served}
          onToggle={onToggle}
          fitKey={fitKeyOf(namespace, grouping, filter)}
        />
      ) : (
        <MapOutline cluster={cluster} view={view} served={served} onToggle={onToggle} />
      )}
    </>
  );
}
