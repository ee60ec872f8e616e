import {
  Activity,
  Boxes,
  ChevronDown,
  ChevronRight,
  FileCog,
  HardDrive,
  LayoutDashboard,
  Network,
  Package,
  Puzzle,
  Server,
  Shield,
} from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useId, useState } from 'react';
import type { ResourceKind } from '@/api/kube';
import { sectionKinds } from '@/nav/categories';
import type { Category } from '@/nav/categories';
import { groupVersion, kindPlural } from '@/nav/labels';
import { useListableKinds } from '@/nav/listableKinds';
import { Link } from '@/nav/navigation';
import { appsUrl, clusterPageUrl, eventsUrl, listUrl, mapUrl } from '@/routes';
import type { KindRef } from '@/routes';
import { Button } from '@/ui/Button';
import { Input } from '@/ui/Input';

/** Each sidebar group's icon, beside its name. */
const CATEGORY_ICONS: Record<Category, LucideIcon> = {
  Workloads: Boxes,
  Network: Network,
  Storage: HardDrive,
  Configuration: FileCog,
  'Access control': Shield,
  Cluster: Server,
  'Custom resources': Puzzle,
};
import { useSettings } from '@/ui/settingsStore';

interface Props {
  cluster: string;
  /** The kind whose list or object is shown, highlighted. */
  current: KindRef | undefined;
  onOverview: boolean;
  /** Whether the Events page is shown. */
  onEvents?: boolean;
  /** Whether the resource map is shown. */
  onMap?: boolean;
  namespacesInView: string[];
  /** Namespaces to keep in links to namespaced lists. */
  linkNamespaces: string[] | undefined;
}

const COLLAPSED_KEY = 'lanthorn.nav.collapsed';

function readCollapsed(): Category[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(COLLAPSED_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Category[]) : [];
  } catch {
    return [];
  }
}

function matches(kind: ResourceKind, needle: string): boolean {
  return [kindPlural(kind), kind.kind, kind.resource, kind.group, ...kind.shortNames].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

const isCurrent = (kind: ResourceKind, current: KindRef | undefined) =>
  current !== undefined && kind.group === current.group && kind.resource === current.resource;

/** The kinds the user may list, in collapsible sections, with a filter. */
export function Sidebar({
  cluster,
  current,
  onOverview,
  onEvents = false,
  onMap = false,
  namespacesInView,
  linkNamespaces,
}: Props) {
  const kinds = useListableKinds(cluster, namespacesInView);
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Category[]>(readCollapsed);
  const baseId = useId();

  const toggle = (category: Category) => {
    const next = collapsed.includes(category)
      ? collapsed.filter((c) => c !== category)
      : [...collapsed, category];
    setCollapsed(next);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, JSON.stringify(next));
    } catch {
      // Not remembered: fine.
    }
  };

  const { hiddenGroups } = useSettings();
  const needle = filter.trim().toLowerCase();
  const sections = kinds.isSuccess
    ? sectionKinds(kinds.data.filter((kind) => needle === '' || matches(kind, needle))).filter(
        (section) => !hiddenGroups.includes(section.category),
      )
    : [];

  return (
    <nav aria-label="Resources" className="sidebar">
      <Link
        className="sidebar-overview"
        href={clusterPageUrl(cluster)}
        aria-current={onOverview ? 'page' : undefined}
      >
        <LayoutDashboard className="nav-icon" aria-hidden="true" />
        Overview
      </Link>
      {(needle === '' || 'events'.includes(needle)) && (
        <Link
          className="sidebar-overview"
          href={eventsUrl(cluster)}
          aria-current={onEvents ? 'page' : undefined}
        >
          <Activity className="nav-icon" aria-hidden="true" />
          Events
        </Link>
      )}
      {(needle === '' || 'map'.includes(needle)) && (
        <Link
          className="sidebar-overview"
          href={mapUrl(cluster)}
          aria-current={onMap ? 'page' : undefined}
        >
          Map
        </Link>
      )}
      <Link className="sidebar-overview" href={appsUrl(cluster)}>
        <Package className="nav-icon" aria-hidden="true" />
        Apps (Helm)
      </Link>
      <Input
        type="search"
        aria-label="Filter kinds"
        placeholder="Filter kinds"
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
        }}
      />
      {kinds.isPending && <p className="muted">Loading kinds…</p>}
      {kinds.isError && <p className="error">{kinds.error.message}</p>}
      {kinds.isSuccess && sections.length === 0 && (
        <p className="muted">{needle === '' ? 'Nothing you may list.' : 'No kind matches.'}</p>
      )}
      {sections.map((section, index) => {
        const open = needle !== '' || !collapsed.includes(section.category);
        const listId = `${baseId}-${index}`;
        const Icon = CATEGORY_ICONS[section.category];
        const Chevron = open ? ChevronDown : ChevronRight;
        return (
          <div key={section.category} className="nav-section">
            <h2>
              <Button
                variant="ghost"
                size="sm"
                className="nav-section-toggle"
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => {
                  toggle(section.category);
                }}
              >
                <Chevron className="btn-icon" aria-hidden="true" />
                <Icon className="btn-icon" aria-hidden="true" />
                {section.category}
              </Button>
            </h2>
            {open && (
              <ul id={listId}>
                {section.kinds.map((kind) => (
                  <li key={`${kind.group}/${kind.resource}`}>
                    <Link
                      href={listUrl(
                        cluster,
                        kind,
                        kind.namespaced && linkNamespaces !== undefined
                          ? { ns: linkNamespaces }
                          : {},
                      )}
                      title={`${kind.kind} (${groupVersion(kind)})`}
                      aria-current={isCurrent(kind, current) ? 'page' : undefined}
                    >
                      {kindPlural(kind)}
                      {section.category === 'Custom resources' && (
                        <span className="muted nav-group"> {kind.group}</span>
                      )}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </nav>
  );
}
