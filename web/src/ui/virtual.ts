import type { RefObject } from 'react';
import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';

interface RowsOptions<E extends HTMLElement> {
  count: number;
  /** Every row's height, or (measured rows) the estimate before a row is drawn. */
  rowHeight: number;
  overscan: number;
  fallbackHeight: number;
  scroller: RefObject<E | null>;
}

/**
 * The one virtualizer of the app (TanStack Virtual), for tables and log lines: rows in a
 * scrolling element, of which only those in view (and `overscan` more on each side) are
 * rendered. Rows are `rowHeight` tall unless their element is given to `measureElement`
 * (with `data-index`), which then keeps each one's measured height under its `itemKey`.
 *
 * Before the element has a size, and wherever nothing has one (tests: jsdom does no
 * layout), it counts as `fallbackHeight` tall, and an unmeasurable row as `rowHeight`, so
 * a first screenful is drawn.
 */
export function useVirtualRows<E extends HTMLElement>({
  count,
  rowHeight,
  overscan,
  fallbackHeight,
  scroller,
  itemKey,
}: RowsOptions<E> & { itemKey?: (index: number) => string | number }) {
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
    measureElement: (element, entry, instance) => {
      const size = measureElement(element, entry, instance);
      return size > 0 ? size : rowHeight;
    },
    ...(itemKey === undefined ? {} : { getItemKey: itemKey }),
    // Scrolling re-renders in React's own time; no flushSync from inside its updates.
    useFlushSync: false,
  });
}

/** Rows all `rowHeight` tall (log lines). */
export function useFixedRows<E extends HTMLElement>(options: RowsOptions<E>) {
  return useVirtualRows(options);
}
