import type { ReactNode } from 'react';
import '@/ui/ui.css';

/** Where a row of buttons sits: a dialog's foot (right-aligned) or a page's row. */
export type ActionsPlace = 'dialog' | 'page' | 'helm';

const CLASS: Record<ActionsPlace, string> = {
  dialog: 'dialog-buttons',
  page: 'details-actions',
  helm: 'helm-actions',
};

/** A row of buttons, with "Working…" after them while `busy`. */
export function ActionsRow({
  place = 'dialog',
  busy = false,
  children,
}: {
  place?: ActionsPlace;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={CLASS[place]}>
      {children}
      {busy && <span className="muted">Working…</span>}
    </div>
  );
}
