/** A line-by-line diff (Myers' O(ND) algorithm) and its grouping into hunks for display. */

export type DiffOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** Beyond this many differing lines the middle is shown as all removed, then all added. */
const MAX_EDITS = 4000;

function splitLines(text: string): string[] {
  if (text === '') {
    return [];
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/** The shortest edit script turning `a` into `b`, as kept, removed and added lines. */
function shortestEdit(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  // v[k] is the furthest x reached on diagonal k (x - y = k); `frontier` keeps one copy per
  // step d, covering only the diagonals -d-1..d+1 that the walk back reads.
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const at = (array: Int32Array, index: number): number => array[index] ?? 0;
  const frontier: Int32Array[] = [];
  let finalD = -1;
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS) && finalD < 0; d++) {
    frontier.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && at(v, offset + k - 1) < at(v, offset + k + 1));
      let x = down ? at(v, offset + k + 1) : at(v, offset + k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        finalD = d;
        break;
      }
    }
  }
  if (finalD < 0) {
    return [
      ...a.map((text): DiffLine => ({ op: 'del', text })),
      ...b.map((text): DiffLine => ({ op: 'add', text })),
    ];
  }
  const reversed: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = finalD; d >= 0; d--) {
    const before = frontier[d] ?? new Int32Array(0);
    const get = (k: number): number => at(before, k + d + 1);
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : get(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      reversed.push({ op: 'same', text: a[x - 1] ?? '' });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        reversed.push({ op: 'add', text: b[y - 1] ?? '' });
      } else {
        reversed.push({ op: 'del', text: a[x - 1] ?? '' });
      }
    }
    x = prevX;
    y = prevY;
  }
  return reversed.reverse();
}

/** The lines of `before` and `after`, each marked kept, removed or added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (text: string): DiffLine => ({ op: 'same', text });
  return [
    ...a.slice(0, start).map(same),
    ...shortestEdit(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map(same),
  ];
}

/** Whether a diff changes anything. */
export function hasChanges(lines: DiffLine[]): boolean {
  return lines.some((line) => line.op !== 'same');
}

/** A run of lines to show, or a run of unchanged lines folded away. */
export type DiffChunk = { kind: 'lines'; lines: DiffLine[] } | { kind: 'skip'; count: number };

/** Folds unchanged runs longer than twice `context` lines, keeping `context` lines around changes. */
export function foldUnchanged(lines: DiffLine[], context = 3): DiffChunk[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.op !== 'same') {
      for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) {
        keep[j] = true;
      }
    }
  });
  const chunks: DiffChunk[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && keep[j] === keep[i]) {
      j++;
    }
    if (keep[i] === true) {
      chunks.push({ kind: 'lines', lines: lines.slice(i, j) });
    } else {
      chunks.push({ kind: 'skip', count: j - i });
    }
    i = j;
  }
  return chunks;
}
