import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import '@/ui/ui.css';

/**
 * A modal dialog: named by its title, focused on open (first field, else first button),
 * keeping Tab inside, closed with Escape, and giving focus back to what had it before.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const latestOnClose = useRef(onClose);

  useEffect(() => {
    latestOnClose.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => {
      before?.focus();
    };
  }, []);

  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            latestOnClose.current();
            return;
          }
          if (event.key === 'Tab') {
            // Keep focus inside the dialog while it is open.
            const focusable = [
              ...(box.current?.querySelectorAll<HTMLElement>(
                'input:not([disabled]), select, textarea, button:not([disabled]), a[href]',
              ) ?? []),
            ];
            const first = focusable[0];
            const last = focusable[focusable.length - 1];
            if (event.shiftKey && document.activeElement === first) {
              event.preventDefault();
              last?.focus();
            } else if (!event.shiftKey && document.activeElement === last) {
              event.preventDefault();
              first?.focus();
            }
          }
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
