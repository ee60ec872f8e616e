import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';

/**
 * While `open`, calls `onOutside` for a press (mousedown) outside every one of `inside`: how
 * the app's popups (menus, pickers, panels under a button) close on a click elsewhere.
 */
export function useOutsidePress(
  open: boolean,
  inside: readonly RefObject<Element | null>[],
  onOutside: () => void,
): void {
  const latest = useRef({ inside, onOutside });
  useEffect(() => {
    latest.current = { inside, onOutside };
  });
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: MouseEvent) => {
      const node = event.target as Node;
      const { inside: refs, onOutside: close } = latest.current;
      if (!refs.some((ref) => ref.current?.contains(node) === true)) close();
    };
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);
}

/**
 * A button opening a panel: whether it is open, the panel's id, and refs for the element
 * holding both (`root`) and the button. A press outside `root` closes it; so does Escape
 * (`onKeyDown` on `root`), giving focus back to the button.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useOutsidePress(open, [root], () => {
    setOpen(false);
  });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  };
  return { open, setOpen, panelId, root, button, onKeyDown };
}
