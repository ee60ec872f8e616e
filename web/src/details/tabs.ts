/** The tabs of an object's page, in order. */
export type TabId = 'overview' | 'yaml' | 'events' | 'logs' | 'terminal' | 'related';

export interface TabSpec {
  id: TabId;
  title: string;
}

export const OBJECT_TABS: readonly TabSpec[] = [
  { id: 'overview', title: 'Overview' },
  { id: 'yaml', title: 'YAML' },
  { id: 'events', title: 'Events' },
  { id: 'logs', title: 'Logs' },
  { id: 'terminal', title: 'Terminal' },
  { id: 'related', title: 'Related' },
];

/**
 * Whether the user may use a gated tab, as the cluster answered: `null` while it is being
 * asked; absent when the kind has no such tab.
 */
export type TabAccess = Partial<Record<'logs' | 'terminal', boolean | null>>;

/** The query-string parameters that belong to one tab (dropped when another is chosen). */
const TAB_PARAMS: readonly string[] = [
  'pod',
  'container',
  'follow',
  'previous',
  'timestamps',
  'since',
  'tail',
  'q',
  'attach',
];

const isTab = (value: string): value is TabId => OBJECT_TABS.some((tab) => tab.id === value);

/**
 * The tabs a page offers: the common ones, and Logs and Terminal when the kind has them and
 * the cluster lets the user read logs (`get pods/log`) or exec/attach (`create pods/exec`).
 * While the answer is being asked, a gated tab is offered only when it is the one asked
 * for, so an address naming it does not flip to Overview and back.
 */
export function objectTabs(access: TabAccess, asked: TabId): TabSpec[] {
  return OBJECT_TABS.filter((tab) => {
    if (tab.id !== 'logs' && tab.id !== 'terminal') return true;
    const answer = access[tab.id];
    return answer === true || (answer === null && asked === tab.id);
  });
}

/** The tab shown: the one asked for when the page offers it, else Overview. */
export function shownTab(asked: TabId, tabs: readonly TabSpec[]): TabId {
  return tabs.some((tab) => tab.id === asked) ? asked : 'overview';
}

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

/**
 * The page's address with `tab` chosen (Overview: no `tab`): the parameters of the tab left
 * (a log's container and search, a terminal's mode) and `edit` dropped, others kept.
 */
export function withTab(pathname: string, search: string, tab: TabId): string {
  const params = new URLSearchParams(search);
  params.delete('edit');
  for (const name of TAB_PARAMS) params.delete(name);
  if (tab === 'overview') params.delete('tab');
  else params.set('tab', tab);
  const query = params.toString();
  return query === '' ? pathname : `${pathname}?${query}`;
}
