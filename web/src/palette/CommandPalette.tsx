import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { clusterFactKey, useAppQuery } from '@/api/query';
import { useListableKinds } from '@/nav/listableKinds';
import { useNamespaceChoices } from '@/nav/namespaces';
import type { Navigate } from '@/nav/navigation';
import { kindsToFind, searchNames } from '@/nav/searchNames';
import type { SearchHit } from '@/nav/searchNames';
import { paletteItems } from '@/palette/items';
import { parseQuery, rankItems } from '@/palette/rank';
import type { PaletteItem } from '@/palette/rank';
import { readRecent, rememberRecent } from '@/palette/recent';
import type { KindRef } from '@/routes';
import { Input } from '@/ui/Input';
import '@/palette/palette.css';

export interface CommandPaletteProps {
  cluster: string;
  /** Namespaces whose permissions decide the kinds offered (see `useViewNamespaces`). */
  namespacesInView: string[];
  /** Namespaces to look for objects in, and kept in list links; undefined: all. */
  linkNamespaces: string[] | undefined;
  /** The kind of the list or object on screen, if any. */
  current: KindRef | undefined;
  navigate: Navigate;
  onClose: () => void;
}

const NAMES_STALE_MS = 30_000;

const TYPE_LABEL: Record<PaletteItem['type'], string> = {
  page: 'Page',
  kind: 'Kind',
  namespace: 'Namespace',
  object: 'Object',
  action: 'Action',
};

/**
 * The command palette (Ctrl/⌘-K): one box that finds pages, kinds, namespaces and objects
 * of every kind the user may list, and actions (`scale web`, `logs api`, `go to nodes`).
 * Keyboard first: arrows move, Enter goes, Esc closes; focus stays in the box.
 */
export function CommandPalette({
  cluster,
  namespacesInView,
  linkNamespaces,
  current,
  navigate,
  onClose,
}: CommandPaletteProps) {
  const [input, setInput] = useState('');
  const [active, setActive] = useState(0);
  const [recent] = useState(() => readRecent(cluster));
  const [partial, setPartial] = useState<SearchHit[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const titleId = useId();

  const kinds = useListableKinds(cluster, namespacesInView);
  const namespaces = useNamespaceChoices(cluster);
  const findable = useMemo(() => (kinds.isSuccess ? kindsToFind(kinds.data) : []), [kinds]);
  const scope = linkNamespaces ?? null;
  // Every findable object's name, read once per opening (kept 30 s), matched as you type.
  const names = useAppQuery({
    queryKey: clusterFactKey(
      cluster,
      'palette-names',
      findable.map((kind) => `${kind.group}/${kind.resource}`),
      scope,
    ),
    queryFn: ({ signal }) =>
      searchNames(cluster, findable, '', scope ?? undefined, {
        signal,
        concurrency: 6,
        maxHits: 5000,
        onHits: setPartial,
      }),
    enabled: kinds.isSuccess,
    staleTime: NAMES_STALE_MS,
  });
  const hits = names.data ?? partial;

  useEffect(() => {
    const previous = document.activeElement;
    inputRef.current?.focus();
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  const { intent, term } = parseQuery(input);
  const results = useMemo(() => {
    if (input.trim() === '') {
      return recent.length > 0 ? recent : rankItems(paletteItems(sources(), 'go'), '', [], 12);
    }
    return rankItems(
      paletteItems(sources(), intent),
      term,
      recent.map((item) => item.id),
    );
    function sources() {
      return {
        cluster,
        kinds: kinds.data ?? [],
        namespaces: namespaces.options,
        hits,
        linkNamespaces,
        current,
      };
    }
  }, [
    input,
    intent,
    term,
    recent,
    cluster,
    kinds.data,
    namespaces.options,
    hits,
    linkNamespaces,
    current,
  ]);
  const selected = Math.min(active, Math.max(results.length - 1, 0));
  const optionId = (index: number) => `${listId}-${String(index)}`;

  useEffect(() => {
    const option = document.getElementById(optionId(selected));
    // jsdom has no scrollIntoView.
    if (option !== null && 'scrollIntoView' in option) option.scrollIntoView({ block: 'nearest' });
  });

  const choose = (item: PaletteItem | undefined) => {
    if (item === undefined) return;
    rememberRecent(cluster, item);
    onClose();
    navigate(item.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const count = results.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (count > 0) setActive((selected + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count > 0) setActive((selected - 1 + count) % count);
        break;
      case 'Home':
      case 'End':
        if (event.ctrlKey && count > 0) {
          event.preventDefault();
          setActive(event.key === 'Home' ? 0 : count - 1);
        }
        break;
      case 'Enter':
        event.preventDefault();
        choose(results[selected]);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        onClose();
        break;
      case 'Tab':
        // The box is the palette's one stop: focus stays here while it is open.
        event.preventDefault();
        inputRef.current?.focus();
        break;
      default:
        break;
    }
  };

  const loading = input.trim() !== '' && intent !== 'go' && (kinds.isPending || names.isFetching);
  const empty = input.trim() === '' && recent.length > 0 ? 'Recent' : undefined;

  return (
    <div
      className="palette-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="palette"
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="visually-hidden">
          Command palette
        </h2>
        <Input
          ref={inputRef}
          className="palette-input"
          type="text"
          role="combobox"
          aria-label="Go to"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results.length > 0 ? optionId(selected) : undefined}
          placeholder="Go to a kind, namespace or object — or: scale web, logs api, go to nodes"
          autoComplete="off"
          spellCheck={false}
          value={input}
          onChange={(event) => {
            setInput(event.target.value);
            setActive(0);
          }}
        />
        {empty !== undefined && <p className="palette-section muted">{empty}</p>}
        <ul id={listId} role="listbox" aria-label="Results" className="palette-results">
          {results.map((item, index) => (
            <li
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === selected}
              className={index === selected ? 'palette-option active' : 'palette-option'}
              onMouseMove={() => {
                if (index !== selected) setActive(index);
              }}
              onMouseDown={(event) => {
                // Keep the focus in the box.
                event.preventDefault();
              }}
              onClick={() => {
                choose(item);
              }}
            >
              <span className="palette-label">{item.label}</span>
              <span className="palette-detail muted">{item.detail}</span>
              <span className="palette-type">{TYPE_LABEL[item.type]}</span>
            </li>
          ))}
        </ul>
        <p className="palette-status muted" role="status">
          {loading
            ? 'Looking through the objects you may list…'
            : results.length === 0 && input.trim() !== ''
              ? `Nothing matches “${input.trim()}”.`
              : ''}
        </p>
        <p className="palette-keys muted" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> go · <kbd>Esc</kbd> close
        </p>
      </div>
    </div>
  );
}

export default CommandPalette;
