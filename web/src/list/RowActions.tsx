import { Pencil, RotateCcw, Scaling, ScrollText, SquareTerminal, Trash } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import { useAccessAnswers } from '@/api/access';
import { objectPath } from '@/api/kube';
import type { ResourceKind } from '@/api/kube';
import { useClusterGet } from '@/api/query';
import { ActionDialog } from '@/actions/ActionDialog';
import type { DialogAction } from '@/actions/ActionDialog';
import type { ObjectRef } from '@/actions/requests';
import { rowItems } from '@/list/rowItems';
import type { TableRow } from '@/list/table';
import { Link } from '@/nav/navigation';

/** The icon beside each of a row menu's items, the same as on the object's page. */
const ITEM_ICONS: Record<string, LucideIcon> = {
  logs: ScrollText,
  terminal: SquareTerminal,
  edit: Pencil,
  scale: Scaling,
  restart: RotateCcw,
  delete: Trash,
};

function ItemIcon({ id }: { id: string }) {
  const Icon = ITEM_ICONS[id];
  return Icon === undefined ? null : <Icon className="menu-icon" aria-hidden="true" />;
}
import { useOutsidePress } from '@/ui/popup';

/** The row whose menu is open, and its button (where focus goes back to). */
export interface OpenMenu {
  row: TableRow;
  anchor: HTMLElement;
}

function refOf(cluster: string, kind: ResourceKind, row: TableRow): ObjectRef {
  const { namespace, name } = row.object.metadata;
  return { cluster, kind, namespace: kind.namespaced ? namespace : undefined, name };
}

/** Under the button, right-aligned with it; above it when there is no room below. */
function placement(anchor: HTMLElement): CSSProperties {
  const rect = anchor.getBoundingClientRect();
  const right = Math.max(window.innerWidth - rect.right, 0);
  return rect.bottom + 240 > window.innerHeight && rect.top > 240
    ? { position: 'fixed', bottom: window.innerHeight - rect.top + 2, right }
    : { position: 'fixed', top: rect.bottom + 2, right };
}

const ITEMS = '[role="menuitem"]:not([aria-disabled="true"])';

/** Moves focus among the menu's items with the arrow keys, Home and End. */
function moveFocus(menu: HTMLElement, key: string): boolean {
  const items = [...menu.querySelectorAll<HTMLElement>(ITEMS)];
  if (items.length === 0) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    key === 'ArrowDown'
      ? (at + 1) % items.length
      : key === 'ArrowUp'
        ? (at - 1 + items.length) % items.length
        : key === 'Home'
          ? 0
          : key === 'End'
            ? items.length - 1
            : -1;
  if (next === -1) return false;
  items[next]?.focus();
  return true;
}

/**
 * One row's menu: what applies to the kind, each item shown once the cluster has said the
 * user may do it (the questions are asked when the menu opens, not for every row drawn),
 * as on the object's own page. ↑/↓ move, Esc closes and gives focus back to the button.
 */
function RowMenu({
  target,
  anchor,
  onClose,
  onChoose,
}: {
  target: ObjectRef;
  anchor: HTMLElement;
  onClose: () => void;
  onChoose: (action: DialogAction) => void;
}) {
  const items = useMemo(() => rowItems(target), [target]);
  const answers = useAccessAnswers(
    target.cluster,
    items.map((item) => item.question),
  );
  const asking = answers.some((answer) => answer === null);
  const allowed = items.filter((_, index) => answers[index] === true);
  const menu = useRef<HTMLDivElement>(null);
  const [style, setStyle] = useState<CSSProperties>(() => placement(anchor));

  const close = (refocus: boolean) => {
    if (refocus) anchor.focus();
    onClose();
  };
  const latestClose = useRef(close);
  useEffect(() => {
    latestClose.current = close;
  });

  // Focus on the menu at once, and on its first item when the answers are in.
  useLayoutEffect(() => {
    menu.current?.focus();
  }, []);
  useLayoutEffect(() => {
    if (!asking && menu.current !== null && document.activeElement === menu.current) {
      moveFocus(menu.current, 'Home');
    }
  }, [asking]);

  // Closes on a press elsewhere (its button toggles it itself) or when the row goes; follows
  // its button when the page scrolls.
  const button = useMemo(() => ({ current: anchor }), [anchor]);
  useOutsidePress(true, [menu, button], () => {
    close(false);
  });
  useEffect(() => {
    const follow = () => {
      if (!anchor.isConnected) latestClose.current(false);
      else setStyle(placement(anchor));
    };
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [anchor]);
  useEffect(() => {
    if (!anchor.isConnected) latestClose.current(false);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(true);
    } else if (event.key === ' ' && event.target instanceof HTMLAnchorElement) {
      // Space activates a link item as it does a button.
      event.preventDefault();
      event.target.click();
    } else if (menu.current !== null && moveFocus(menu.current, event.key)) {
      event.preventDefault();
    }
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Actions for ${target.name}`}
      aria-busy={asking}
      tabIndex={-1}
      className="row-menu"
      style={style}
      onKeyDown={onKeyDown}
    >
      {asking ? (
        <div role="menuitem" aria-disabled="true" className="muted">
          Checking what you may do…
        </div>
      ) : allowed.length === 0 ? (
        <div role="menuitem" aria-disabled="true" className="muted">
          Nothing you may do to {target.name}
        </div>
      ) : (
        allowed.map((item) =>
          item.href !== undefined ? (
            <Link
              key={item.id}
              role="menuitem"
              tabIndex={-1}
              href={item.href}
              onClick={() => {
                onClose();
              }}
            >
              <ItemIcon id={item.id} />
              {item.label}
            </Link>
          ) : (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.action === 'delete' ? 'danger' : undefined}
              onClick={() => {
                // Focus back on the row's button first: the dialog returns it there.
                anchor.focus();
                onChoose(item.action);
              }}
            >
              <ItemIcon id={item.id} />
              {item.label}
            </button>
          ),
        )
      )}
    </div>
  );
}

interface Scale {
  spec?: { replicas?: number };
}

/** A dialog chosen from a row's menu; Scale starts from the replicas the cluster says now. */
function RowDialog({
  action,
  target,
  onClose,
  onDone,
}: {
  action: DialogAction;
  target: ObjectRef;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const path = objectPath(target.kind, target.name, target.namespace);
  const scale = useClusterGet<Scale>(target.cluster, action === 'scale' ? `${path}/scale` : null);
  if (action === 'scale' && scale.isPending) return null;
  return (
    <ActionDialog
      action={action}
      target={target}
      replicas={scale.data?.spec?.replicas}
      onClose={onClose}
      onChanged={onDone}
      onDeleted={() => {
        onDone(`Deleted ${target.kind.kind} ${target.name}.`);
      }}
      // The request has already reported it: the app sends the user to sign in.
      onUnauthorized={() => undefined}
    />
  );
}

/**
 * The action menu of the row in `menu`, the dialog chosen from it, and what the last action
 * did (as an object's page says it; a refusal stays in the dialog).
 */
export function RowActions({
  cluster,
  kind,
  menu,
  onMenuClose,
}: {
  cluster: string;
  kind: ResourceKind;
  menu: OpenMenu | null;
  onMenuClose: () => void;
}) {
  const [dialog, setDialog] = useState<{ action: DialogAction; target: ObjectRef } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const target = useMemo(
    () => (menu === null ? null : refOf(cluster, kind, menu.row)),
    [cluster, kind, menu],
  );
  return (
    <>
      {notice !== null && (
        <p role="status" className="ok row-notice">
          {notice}
        </p>
      )}
      {menu !== null && target !== null && (
        <RowMenu
          target={target}
          anchor={menu.anchor}
          onClose={onMenuClose}
          onChoose={(action) => {
            setNotice(null);
            setDialog({ action, target });
            onMenuClose();
          }}
        />
      )}
      {dialog !== null && (
        <RowDialog
          key={`${dialog.action} ${dialog.target.namespace ?? ''}/${dialog.target.name}`}
          action={dialog.action}
          target={dialog.target}
          onClose={() => {
            setDialog(null);
          }}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      )}
    </>
  );
}
