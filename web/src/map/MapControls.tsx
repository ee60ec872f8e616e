import { MAP_KINDS, KIND_PLURALS } from '@/map/kinds';
import type { MapKind } from '@/map/kinds';
import { TONE_WORDS, TONES } from '@/map/tones';
import { Checkbox } from '@/ui/Check';
import { Input } from '@/ui/Input';
import { Select } from '@/ui/Select';
import { StatusBadge } from '@/ui/StatusBadge';
import type { Grouping, MapFilter } from '@/map/view';

interface Props {
  filter: MapFilter;
  onFilter: (filter: MapFilter) => void;
  grouping: Grouping;
  onGrouping: (grouping: Grouping) => void;
  shape: 'graph' | 'list';
  onShape: (shape: 'graph' | 'list') => void;
  /** Kinds the map can show (the others are not offered as filters). */
  kinds: readonly MapKind[];
}

const toggled = <T,>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> => {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
};

/** The map's search, filters, grouping and graph/list switch. */
export function MapControls({
  filter,
  onFilter,
  grouping,
  onGrouping,
  shape,
  onShape,
  kinds,
}: Props) {
  const offered = MAP_KINDS.filter((kind) => kinds.includes(kind));
  return (
    <div className="map-controls">
      <Input
        type="search"
        aria-label="Find by name"
        placeholder="Find by name"
        value={filter.search}
        onChange={(event) => {
          onFilter({ ...filter, search: event.target.value });
        }}
      />
      <Input
        type="text"
        aria-label="Filter by label"
        placeholder="Label, e.g. app=web"
        value={filter.label}
        spellCheck={false}
        onChange={(event) => {
          onFilter({ ...filter, label: event.target.value });
        }}
      />
      <label>
        Group pods{' '}
        <Select
          value={grouping}
          onChange={(event) => {
            onGrouping(event.target.value as Grouping);
          }}
        >
          <option value="none">not at all</option>
          <option value="workload">by workload</option>
          <option value="node">by node</option>
        </Select>
      </label>
      <details className="map-filter">
        <summary>Kinds{filter.kinds.size === 0 ? ' (all)' : ` (${filter.kinds.size})`}</summary>
        <fieldset>
          <legend>Show these kinds (none ticked: all)</legend>
          {offered.map((kind) => (
            <Checkbox
              key={kind}
              checked={filter.kinds.has(kind)}
              onChange={(event) => {
                onFilter({ ...filter, kinds: toggled(filter.kinds, kind, event.target.checked) });
              }}
            >
              {KIND_PLURALS[kind]}
            </Checkbox>
          ))}
        </fieldset>
      </details>
      <details className="map-filter">
        <summary>Status{filter.tones.size === 0 ? ' (all)' : ` (${filter.tones.size})`}</summary>
        <fieldset>
          <legend>Show objects that are (none ticked: all)</legend>
          {TONES.map((tone) => (
            <Checkbox
              key={tone}
              checked={filter.tones.has(tone)}
              onChange={(event) => {
                onFilter({ ...filter, tones: toggled(filter.tones, tone, event.target.checked) });
              }}
            >
              <StatusBadge text={TONE_WORDS[tone]} tone={tone} />
            </Checkbox>
          ))}
        </fieldset>
      </details>
      <fieldset className="map-shape">
        <legend className="visually-hidden">Show the map as</legend>
        {(['graph', 'list'] as const).map((value) => (
          <label key={value} className={shape === value ? 'chosen' : undefined}>
            <input
              type="radio"
              name="map-shape"
              value={value}
              checked={shape === value}
              onChange={() => {
                onShape(value);
              }}
            />
            {value === 'graph' ? 'Graph' : 'List'}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
