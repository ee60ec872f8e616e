import { useEffect, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { kindsToSearch, searchNames } from '@/nav/searchNames';
import type { SearchHit } from '@/nav/searchNames';
import { useListableKinds } from '@/nav/listableKinds';
import { Link } from '@/nav/navigation';
import { detailsUrl } from '@/routes';
import { Input } from '@/ui/Input';
import { useOutsidePress } from '@/ui/popup';

interface Props {
  cluster: string;
  /** Namespaces for the kinds the user may list there (see `useViewNamespaces`). */
  namespacesInView: string[];
  /** Namespaces to search namespaced kinds in; undefined: all. */
  searchNamespaces: string[] | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}

type Results = { term: string; hits: SearchHit[]; done: boolean };

/** Searches object names across kinds as the user types (after a short pause). */
export function GlobalSearch({ cluster, namespacesInView, searchNamespaces, inputRef }: Props) {
  const kinds = useListableKinds(cluster, namespacesInView);
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<Results | null>(null);
  const resultsId = useId();
  const root = useRef<HTMLDivElement>(null);
  const scopeKey = JSON.stringify(searchNamespaces ?? null);
  const searchable = kinds.isSuccess ? kinds.data : null;

  useEffect(() => {
    const wanted = term.trim();
    if (wanted.length < 2 || searchable === null) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const scope = JSON.parse(scopeKey) as string[] | null;
      void searchNames(cluster, kindsToSearch(searchable), wanted, scope ?? undefined, {
        signal: controller.signal,
        onHits: (hits) => {
          setResults({ term: wanted, hits, done: false });
        },
      }).then((hits) => {
        if (!controller.signal.aborted) setResults({ term: wanted, hits, done: true });
      });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [cluster, term, searchable, scopeKey]);

  useOutsidePress(open, [root], () => {
    setOpen(false);
  });

  const wanted = term.trim();
  const current = results !== null && results.term === wanted ? results : null;
  const showing = open && wanted.length >= 2;

  return (
    <div className="global-search" role="search" ref={root}>
      <Input
        ref={inputRef}
        type="search"
        aria-label="Search by name"
        placeholder="Search by name ( / )"
        aria-controls={showing ? resultsId : undefined}
        value={term}
        onChange={(event) => {
          setTerm(event.target.value);
          setOpen(true);
        }}
        onFocus={() => {
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setOpen(false);
            event.currentTarget.blur();
          }
        }}
      />
      {showing && (
        <div id={resultsId} className="search-results" role="region" aria-label="Search results">
          {current === null || (!current.done && current.hits.length === 0) ? (
            <p className="muted">Searching…</p>
          ) : current.hits.length === 0 ? (
            <p className="muted">Nothing named like “{wanted}”.</p>
          ) : (
            <ul>
              {current.hits.map((hit) => (
                <li
                  key={`${hit.kind.group}/${hit.kind.resource}/${hit.namespace ?? ''}/${hit.name}`}
                >
                  <Link
                    href={detailsUrl(cluster, hit.kind, hit.namespace, hit.name)}
                    onClick={() => {
                      setOpen(false);
                    }}
                  >
                    {hit.name}
                  </Link>{' '}
                  <span className="muted">
                    {hit.kind.kind}
                    {hit.namespace === undefined ? '' : ` in ${hit.namespace}`}
                  </span>
                </li>
              ))}
              {!current.done && <li className="muted">Still searching…</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
