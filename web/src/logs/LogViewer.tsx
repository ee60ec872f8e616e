import { ChevronDown, ChevronUp, Download } from 'lucide-react';
import { useMemo, useState } from 'react';
import { logFileName, logFileText, saveTextFile } from '@/logs/download';
import { LogLines } from '@/logs/LogLines';
import { MAX_LOG_LINES } from '@/logs/logStore';
import { sourceLabels } from '@/logs/logTargets';
import type { LogSource } from '@/logs/logTargets';
import { matchingIndices } from '@/logs/search';
import { useLogStream } from '@/logs/useLogStream';
import type { SourceState } from '@/logs/useLogStream';
import type { LogQuery, LogQueryPatch } from '@/routes';
import { useWatchMux } from '@/watch/WatchContext';
import { Button } from '@/ui/Button';
import { Checkbox } from '@/ui/Check';
import { Input } from '@/ui/Input';
import { Select } from '@/ui/Select';
import '@/logs/logs.css';

const SINCE_CHOICES: [string, number | undefined][] = [
  ['Any time', undefined],
  ['Last 5 minutes', 300],
  ['Last hour', 3600],
  ['Last 6 hours', 21600],
  ['Last 24 hours', 86400],
];
const TAIL_CHOICES: [string, number | null][] = [
  ['Last 100 lines', 100],
  ['Last 1,000 lines', 1000],
  ['Last 10,000 lines', 10000],
  ['All lines', null],
];

function stateText(source: LogSource, state: SourceState, many: boolean): string | null {
  const who = many ? `${source.pod}/${source.container}: ` : '';
  if (state.state === 'ended') return `${who}the log ended.`;
  if (state.state === 'error') {
    return state.status === 403
      ? `${who}you may not read this log (${state.message})`
      : `${who}${state.message}`;
  }
  return null;
}

/**
 * Logs of one or more containers: follow, previous container, timestamps, since and tail
 * (kept in the URL), search with highlights, download of the lines held.
 */
export function LogViewer({
  cluster,
  namespace,
  name,
  sources,
  containers,
  container,
  query,
  onQuery,
}: {
  cluster: string;
  namespace: string;
  name: string;
  sources: LogSource[];
  /** The containers to choose from. */
  containers: string[];
  /** The container shown (`*` for all). */
  container: string | undefined;
  query: LogQuery;
  onQuery: (patch: LogQueryPatch, replace?: boolean) => void;
}) {
  const mux = useWatchMux();
  const options = useMemo(
    () => ({
      follow: query.follow,
      previous: query.previous,
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.tail === null ? {} : { tail: query.tail }),
    }),
    [query.follow, query.previous, query.since, query.tail],
  );
  const { store, states, version } = useLogStream(mux, cluster, namespace, sources, options);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [matchAt, setMatchAt] = useState<number | null>(null);
  const needle = query.q ?? '';
  const labels = useMemo(() => sourceLabels(sources), [sources]);

  const matches = useMemo(
    () => matchingIndices(store.size, (i) => store.at(i)?.text ?? '', needle),
    // `version` changes whenever the store does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version, needle],
  );
  const currentRank =
    matches.length === 0 ? null : Math.min(matchAt ?? matches.length - 1, matches.length - 1);
  const current = currentRank === null ? undefined : matches[currentRank];
  const shown = onlyMatching && needle !== '' ? matches : null;
  const many = sources.length > 1;
  const problems = sources
    .map((source, index) => {
      const state = states[index];
      return state === undefined ? null : stateText(source, state, many);
    })
    .filter((p): p is string => p !== null);
  const failed = states.some((s) => s.state === 'error');

  const step = (by: number) => {
    if (matches.length === 0) return;
    const from = currentRank ?? 0;
    setMatchAt((from + by + matches.length) % matches.length);
  };

  return (
    <section aria-label="Logs" className="logs">
      <div className="log-controls">
        {containers.length > 1 && (
          <label>
            Container{' '}
            <Select
              value={container ?? ''}
              onChange={(event) => {
                onQuery({ container: event.target.value });
              }}
            >
              {containers.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
              <option value="*">All containers</option>
            </Select>
          </label>
        )}
        <Checkbox
          checked={query.follow}
          onChange={(event) => {
            onQuery({ follow: event.target.checked });
          }}
        >
          Follow
        </Checkbox>
        <Checkbox
          checked={query.timestamps}
          onChange={(event) => {
            onQuery({ timestamps: event.target.checked }, true);
          }}
        >
          Timestamps
        </Checkbox>
        <Checkbox
          checked={query.previous}
          onChange={(event) => {
            onQuery({ previous: event.target.checked });
          }}
        >
          Previous container
        </Checkbox>
        <label>
          Since{' '}
          <Select
            value={String(query.since ?? '')}
            onChange={(event) => {
              const value = event.target.value;
              onQuery({ since: value === '' ? undefined : Number(value) });
            }}
          >
            {SINCE_CHOICES.map(([text, seconds]) => (
              <option key={text} value={String(seconds ?? '')}>
                {text}
              </option>
            ))}
            {query.since !== undefined && !SINCE_CHOICES.some(([, s]) => s === query.since) && (
              <option value={String(query.since)}>Last {query.since} seconds</option>
            )}
          </Select>
        </label>
        <label>
          Lines{' '}
          <Select
            value={String(query.tail ?? 'all')}
            onChange={(event) => {
              const value = event.target.value;
              onQuery({ tail: value === 'all' ? null : Number(value) });
            }}
          >
            {TAIL_CHOICES.map(([text, lines]) => (
              <option key={text} value={String(lines ?? 'all')}>
                {text}
              </option>
            ))}
            {query.tail !== null && !TAIL_CHOICES.some(([, t]) => t === query.tail) && (
              <option value={String(query.tail)}>Last {query.tail} lines</option>
            )}
          </Select>
        </label>
        <Button
          icon={Download}
          onClick={() => {
            saveTextFile(
              logFileName(name, container),
              logFileText(store.entries(), labels, query.timestamps),
            );
          }}
        >
          Download
        </Button>
      </div>
      <form
        className="log-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          step(1);
        }}
      >
        <Input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          value={needle}
          onChange={(event) => {
            setMatchAt(null);
            onQuery({ q: event.target.value }, true);
          }}
        />
        <span role="status" className="muted">
          {needle === ''
            ? ''
            : matches.length === 0
              ? 'No matches'
              : `${(currentRank ?? 0) + 1} of ${matches.length} matching lines`}
        </span>
        <Button
          size="sm"
          icon={ChevronUp}
          onClick={() => {
            step(-1);
          }}
          disabled={matches.length === 0}
        >
          Previous match
        </Button>
        <Button size="sm" icon={ChevronDown} type="submit" disabled={matches.length === 0}>
          Next match
        </Button>
        <Checkbox
          checked={onlyMatching}
          onChange={(event) => {
            setOnlyMatching(event.target.checked);
          }}
        >
          Only matching lines
        </Checkbox>
      </form>
      {problems.length > 0 && (
        <ul
          className={failed ? 'error log-problems' : 'muted log-problems'}
          role={failed ? 'alert' : undefined}
        >
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p className="muted log-count">
        {store.size.toLocaleString('en')} {store.size === 1 ? 'line' : 'lines'}
        {store.dropped > 0 &&
          ` (the oldest ${store.dropped.toLocaleString('en')} dropped: the last ${MAX_LOG_LINES.toLocaleString('en')} are kept)`}
      </p>
      <LogLines
        label={`Log lines of ${name}`}
        store={store}
        version={version}
        shown={shown}
        needle={needle}
        current={current}
        showTimestamps={query.timestamps}
        labels={labels}
      />
    </section>
  );
}
