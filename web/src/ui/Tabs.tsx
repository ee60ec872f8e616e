import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { tabForKey } from '@/ui/tabKeys';
import '@/ui/tabs.css';

export interface TabItem {
  id: string;
  title: string;
}

/**
 * An ARIA tab list: one tab in the Tab order (the selected one), arrows, Home and End move
 * and select (the focus follows), `panelId` names each tab's panel.
 */
export function TabList({
  label,
  tabs,
  selected,
  idPrefix,
  onSelect,
}: {
  label: string;
  tabs: readonly TabItem[];
  selected: string;
  idPrefix: string;
  onSelect: (id: string) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabForKey(tabs, selected, event.key);
    if (next === undefined) return;
    event.preventDefault();
    onSelect(next);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(`${idPrefix}-tab-${next}`)}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => {
            onSelect(tab.id);
          }}
        >
          {tab.title}
        </button>
      ))}
    </div>
  );
}

/** The panel of one tab, labelled by it. */
export function TabPanel({
  idPrefix,
  id,
  children,
}: {
  idPrefix: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <div
      role="tabpanel"
      id={`${idPrefix}-panel-${id}`}
      aria-labelledby={`${idPrefix}-tab-${id}`}
      className="tab-panel"
      tabIndex={0}
    >
      {children}
    </div>
  );
}
