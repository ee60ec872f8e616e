import { useCallback, useState, useSyncExternalStore } from 'react';

/** Where the sidebar's collapsed state is kept in this browser. */
export const SIDEBAR_KEY = 'lanthorn.sidebar.collapsed';

/** Below this width the sidebar lies over the page instead of beside it. */
export const NARROW_QUERY = '(max-width: 1023px)';

/** The stored choice: `true` only for the exact value written, anything else is expanded. */
export function readSidebarCollapsed(storage: Pick<Storage, 'getItem'> | undefined): boolean {
  try {
    return storage?.getItem(SIDEBAR_KEY) === 'true';
  } catch {
    return false;
  }
}

export function writeSidebarCollapsed(
  storage: Pick<Storage, 'setItem'> | undefined,
  collapsed: boolean,
): void {
  try {
    storage?.setItem(SIDEBAR_KEY, collapsed ? 'true' : 'false');
  } catch {
    // Storage full or refused (private mode): the choice lasts for this page only.
  }
}

const localStore = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

function subscribeNarrow(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}

const isNarrow = () =>
  typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;

/**
 * The sidebar's state: on a wide window collapsed or not (remembered); on a narrow one
 * closed, or open over the page until a link is followed or it is closed.
 */
export function useSidebar() {
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow);
  const [collapsed, setCollapsed] = useState(() => readSidebarCollapsed(localStore()));
  const [overlayOpen, setOverlayOpen] = useState(false);
  const shown = narrow ? overlayOpen : !collapsed;
  const toggle = useCallback(() => {
    if (narrow) {
      setOverlayOpen((open) => !open);
      return;
    }
    setCollapsed((before) => {
      writeSidebarCollapsed(localStore(), !before);
      return !before;
    });
  }, [narrow]);
  const closeOverlay = useCallback(() => {
    setOverlayOpen(false);
  }, []);
  return { narrow, shown, toggle, closeOverlay };
}
