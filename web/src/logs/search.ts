/** Finding text in log lines: case-insensitive, plain text (no patterns to get wrong). */

export interface Segment {
  text: string;
  hit: boolean;
}

/** The [start, end) ranges where `needle` occurs in `text`, case-insensitively. */
export function matchRanges(text: string, needle: string): [number, number][] {
  if (needle === '') return [];
  const hay = text.toLowerCase();
  const want = needle.toLowerCase();
  const ranges: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = hay.indexOf(want, from);
    if (at < 0) return ranges;
    ranges.push([at, at + want.length]);
    from = at + want.length;
  }
}

/** `text` cut into plain and matching parts, for `<mark>`ing the matches. */
export function highlightSegments(text: string, needle: string): Segment[] {
  const ranges = matchRanges(text, needle);
  if (ranges.length === 0) return [{ text, hit: false }];
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) segments.push({ text: text.slice(at, start), hit: false });
    segments.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}

/** Whether `text` contains `needle`, case-insensitively. */
export function lineMatches(text: string, needle: string): boolean {
  return needle !== '' && text.toLowerCase().includes(needle.toLowerCase());
}

/** The indices (of `count` lines read through `textAt`) that contain `needle`. */
export function matchingIndices(
  count: number,
  textAt: (index: number) => string,
  needle: string,
): number[] {
  if (needle === '') return [];
  const want = needle.toLowerCase();
  const found: number[] = [];
  for (let i = 0; i < count; i += 1) {
    if (textAt(i).toLowerCase().includes(want)) found.push(i);
  }
  return found;
}
