import { useEffect, useId, useRef } from 'react';
import { Button } from '@/ui/Button';

const SHORTCUTS: [string, string][] = [
  ['Ctrl K / ⌘ K', 'Open the command palette: go to a kind, namespace or object, or an action'],
  ['/', 'Search by name'],
  ['?', 'Show this help'],
  ['↑ ↓ Enter', 'Move through the palette and go'],
  ['Esc', 'Close this help, the palette or the search results'],
];

/** A small dialog listing the keyboard shortcuts. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <Button ref={closeButton} onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}

/** Whether a key press belongs to a text field (shortcuts stay out of its way). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}
