import { LineRing } from '@/logs/lineRing';
import { parseLine } from '@/logs/logLine';

/** At most this many lines are held; older ones are dropped. */
export const MAX_LOG_LINES = 100_000;

/** One line held, with the source (pod/container) it came from. */
export interface LogEntry {
  source: number;
  stamp: string;
  key: string | null;
  text: string;
}

const after = (a: string | null, b: string | null): boolean => a !== null && b !== null && a > b;

/**
 * The lines of one or more container logs, merged by time: each source's lines arrive in
 * order, and a batch older than lines already held (another pod's backlog) is merged into
 * place. Lines without a timestamp go to the end. Holds at most `capacity` lines.
 */
export class LogStore {
  readonly ring: LineRing<LogEntry>;
  /** Changes whenever the lines change, for views to notice. */
  version = 0;
  private readonly lastKey = new Map<number, { key: string; text: string }>();
  /** Per resumed source: lines up to here are already held. */
  private readonly resumedAfter = new Map<number, { key: string; text: string }>();

  constructor(capacity = MAX_LOG_LINES) {
    this.ring = new LineRing<LogEntry>(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  /** How many older lines were dropped to stay within the capacity. */
  get dropped(): number {
    return this.ring.dropped;
  }

  at(index: number): LogEntry | undefined {
    return this.ring.at(index);
  }

  /** The time key of the newest line from `source`, if its lines carry timestamps. */
  lastKeyOf(source: number): string | undefined {
    return this.lastKey.get(source)?.key;
  }

  /**
   * Marks `source` as read again after a disconnect: until a newer line arrives, lines at
   * or before the last one held from it are skipped as already held.
   */
  resume(source: number): void {
    const last = this.lastKey.get(source);
    if (last !== undefined) this.resumedAfter.set(source, last);
  }

  /**
   * Adds a batch from one source, in the order sent. With `timestamped`, each line starts
   * with its time.
   */
  append(source: number, lines: readonly string[], timestamped: boolean): void {
    const batch: LogEntry[] = [];
    for (const raw of lines) {
      const parsed = parseLine(raw, timestamped);
      const seen = this.resumedAfter.get(source);
      if (seen !== undefined && parsed.key !== null) {
        if (parsed.key < seen.key) continue;
        if (parsed.key === seen.key && parsed.text === seen.text) continue;
        if (parsed.key > seen.key) this.resumedAfter.delete(source);
      }
      batch.push({ source, ...parsed });
    }
    const newest = [...batch].reverse().find((entry) => entry.key !== null);
    if (newest?.key != null) this.lastKey.set(source, { key: newest.key, text: newest.text });
    if (batch.length === 0) return;
    this.insert(batch);
    this.version += 1;
  }

  /** Adds a note of Lanthorn's own (e.g. "reconnected") at the end. */
  note(text: string): void {
    this.ring.push({ source: -1, stamp: '', key: null, text });
    this.version += 1;
  }

  clear(): void {
    this.ring.clear();
    this.lastKey.clear();
    this.resumedAfter.clear();
    this.version += 1;
  }

  /** Every line held, oldest first. */
  entries(): LogEntry[] {
    return this.ring.toArray();
  }

  private insert(batch: LogEntry[]): void {
    const first = batch[0];
    const last = this.ring.last();
    if (
      first === undefined ||
      first.key === null ||
      last === undefined ||
      !after(last.key, first.key)
    ) {
      this.ring.pushAll(batch);
      return;
    }
    // Some held lines are newer than this batch (another source's): take them off, merge,
    // put all back. A source's own lines keep their order, even when its times do not.
    let from = this.firstNewerThan(first.key);
    for (let i = this.ring.size - 1; i >= from; i -= 1) {
      if (this.ring.at(i)?.source === first.source) {
        from = i + 1;
        break;
      }
    }
    const tail = this.ring.popTail(this.ring.size - from);
    this.ring.pushAll(mergeByKey(tail, batch));
  }

  /** The index of the first held line newer than `key` (lines are held in time order). */
  private firstNewerThan(key: string): number {
    let low = 0;
    let high = this.ring.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.ring.at(middle);
      if (entry !== undefined && (entry.key === null || entry.key > key)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Orders by time key; a line without one sorts after every line with one. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Merges two runs sorted by time; on equal times `held` comes first. */
export function mergeByKey(held: readonly LogEntry[], incoming: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const a = held[i];
    const b = incoming[j];
    if (a === undefined && b === undefined) return out;
    if (b === undefined || (a !== undefined && compareKeys(a.key, b.key) <= 0)) {
      out.push(a as LogEntry);
      i += 1;
    } else {
      out.push(b);
      j += 1;
    }
  }
}
