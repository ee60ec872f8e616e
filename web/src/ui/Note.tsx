import { CircleX, Inbox } from 'lucide-react';
import type { ReactNode } from 'react';
import '@/ui/controls.css';

/**
 * A boxed note with an icon: `empty` for a list or panel with nothing to show, `error` for
 * a part of a page that failed (its words say what failed and what to do).
 */
export function Note({
  kind,
  children,
  role,
}: {
  kind: 'empty' | 'error';
  children: ReactNode;
  role?: 'alert' | 'status';
}) {
  const Icon = kind === 'error' ? CircleX : Inbox;
  return (
    <div className={`panel-note panel-note-${kind}`} role={role}>
      <Icon className="panel-note-icon" size={20} aria-hidden="true" />
      <div>{children}</div>
    </div>
  );
}
