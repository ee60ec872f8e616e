import { useLayoutEffect, useRef, useState } from 'react';
import { ArrowDown } from 'lucide-react';
import type { LogStore } from '@/logs/logStore';
import { highlightSegments } from '@/logs/search';
import { Button } from '@/ui/Button';
import { useFixedRows } from '@/ui/virtual';

/** Every line is this tall (no wrapping), so the visible slice follows from the scroll. */
export const LINE_HEIGHT = 20;
const OVERSCAN = 20;
const FALLBACK_VIEWPORT = 600;

interface Props {
  label: string;
  store: LogStore;
  version: number;
  /** The store indices to show (only matching lines), or null for all. */
  shown: readonly number[] | null;
  needle: string;
  /** The store index of the match to bring into view, if any. */
  current: number | undefined;
  showTimestamps: boolean;
  /** Per source: the prefix to show, or null for a single source. */
  labels: readonly string[] | null;
}

/**
 * The log lines, rendering only those in view. Stays at the bottom as lines arrive while the
 * reader is there; scrolling up stops that until "Jump to latest".
 */
export function LogLines({
  label,
  store,
  version,
  shown,
  needle,
  current,
  showTimestamps,
  labels,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  const total = shown === null ? store.size : shown.length;
  const virtualizer = useFixedRows({
    count: total,
    rowHeight: LINE_HEIGHT,
    overscan: OVERSCAN,
    fallbackHeight: FALLBACK_VIEWPORT,
    scroller,
  });

  // New lines: follow them while the reader is at the bottom.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && stuck.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [version, total]);

  // A match chosen: bring it to the middle of the view.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null || current === undefined) return;
    const row = shown === null ? current : shown.indexOf(current);
    if (row < 0) return;
    stuck.current = false;
    element.scrollTop = Math.max(0, row * LINE_HEIGHT - element.clientHeight / 2);
  }, [current, shown]);

  const rows = [];
  for (const { index: row, start: top } of virtualizer.getVirtualItems()) {
    const index = shown === null ? row : shown[row];
    const entry = index === undefined ? undefined : store.at(index);
    if (entry === undefined || index === undefined) continue;
    const prefix = entry.source >= 0 && labels !== null ? labels[entry.source] : undefined;
    rows.push(
      <div
        key={row}
        className={`log-line${entry.source < 0 ? ' log-note' : ''}${index === current ? ' log-current' : ''}`}
        style={{ top, height: LINE_HEIGHT }}
      >
        {prefix !== undefined && (
          <span className={`log-source log-source-${entry.source % 8}`}>[{prefix}] </span>
        )}
        {showTimestamps && entry.stamp !== '' && <span className="log-stamp">{entry.stamp} </span>}
        {highlightSegments(entry.text, needle).map((part, at) =>
          part.hit ? <mark key={at}>{part.text}</mark> : <span key={at}>{part.text}</span>,
        )}
      </div>,
    );
  }

  return (
    <div className="log-frame">
      <div
        ref={scroller}
        className="log-lines"
        role="log"
        aria-live="off"
        aria-label={label}
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          const bottom =
            element.scrollTop + element.clientHeight >= element.scrollHeight - LINE_HEIGHT;
          stuck.current = bottom;
          setAtBottom(bottom);
        }}
      >
        <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {rows}
        </div>
      </div>
      {!atBottom && (
        <Button
          variant="primary"
          size="sm"
          icon={ArrowDown}
          className="log-jump"
          onClick={() => {
            const element = scroller.current;
            if (element === null) return;
            stuck.current = true;
            setAtBottom(true);
            element.scrollTop = element.scrollHeight;
          }}
        >
          Jump to latest
        </Button>
      )}
    </div>
  );
}
