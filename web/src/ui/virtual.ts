import type { RefObject } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';

/**
 * The one virtualizer of the app (TanStack Virtual), for tables and log lines: rows of one
 * fixed height in a scrolling element, of which only those in view (and `overscan` more on
 * each side) are rendered.
 *
 * Before the element has a size, and wherever nothing has one (tests: jsdom does no
 * layout), it counts as `fallbackHeight` tall, so a first screenful is drawn.
 */
export function useFixedRows<E extends HTMLElement>({
  count,
  rowHeight,
  overscan,
  fallbackHeight,
  scroller,
}: {
  count: number;
  rowHeight: number;
  overscan: number;
  fallbackHeight: number;
  scroller: RefObject<E | null>;
}) {
  // The virtualizer's functions change meaning as it scrolls, so React Compiler may not memoize
  // around them; this app is not compiled with it, and the hook re-renders its user itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useVirtualizer<E, Element>({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
    initialRect: { width: 0, height: fallbackHeight },
    observeElementRect: (instance, onRect) =>
      observeElementRect(instance, (rect) => {
        onRect(rect.height > 0 ? rect : { width: rect.width, height: fallbackHeight });
      }),
    // Scrolling re-renders in React's own time; no flushSync from inside its updates.
    useFlushSync: false,
  });
}
