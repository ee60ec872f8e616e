/** The tabs of an object's page, in order. */
export type TabId = 'overview' | 'yaml' | 'events' | 'related';

export interface TabSpec {
  id: TabId;
  title: string;
}

export const OBJECT_TABS: readonly TabSpec[] = [
  { id: 'overview', title: 'Overview' },
  { id: 'yaml', title: 'YAML' },
  { id: 'events', title: 'Events' },
  { id: 'related', title: 'Related' },
];

const isTab = (value: string): value is TabId => OBJECT_TABS.some((tab) => tab.id === value);

/**
 * The tab a page's address asks for: `?tab=yaml`; else an old in-page link's section
 * (`#yaml`, `#events`, a kind's own section such as `#containers`, which is on Overview);
 * `?edit=1` opens YAML. Anything else is Overview.
 */
export function tabFromUrl(search: string, hash = ''): TabId {
  const params = new URLSearchParams(search);
  const asked = (params.get('tab') ?? '').toLowerCase();
  if (isTab(asked)) return asked;
  if (params.get('edit') === '1') return 'yaml';
  const section = hash.replace(/^#/, '').toLowerCase();
  if (isTab(section)) return section;
  return 'overview';
}

/** The page's address with `tab` chosen (Overview: no `tab`), other parameters kept, `edit` dropped. */
export function withTab(pathname: string, search: string, tab: TabId): string {
  const params = new URLSearchParams(search);
  params.delete('edit');
  if (tab === 'overview') params.delete('tab');
  else params.set('tab', tab);
  const query = params.toString();
  return query === '' ? pathname : `${pathname}?${query}`;
}
