import { describe, expect, it } from 'vitest';
import { highlightSegments, lineMatches, matchingIndices, matchRanges } from '@/logs/search';

describe('search', () => {
  it('finds every match, case-insensitively, without overlaps', () => {
    expect(matchRanges('Error: error ERROR', 'error')).toEqual([
      [0, 5],
      [7, 12],
      [13, 18],
    ]);
    expect(matchRanges('aaaa', 'aa')).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(matchRanges('anything', '')).toEqual([]);
  });

  it('cuts a line into plain and highlighted parts', () => {
    expect(highlightSegments('GET /cart status=500', 'status=5')).toEqual([
      { text: 'GET /cart ', hit: false },
      { text: 'status=5', hit: true },
      { text: '00', hit: false },
    ]);
    expect(highlightSegments('Payment payment', 'PAYMENT')).toEqual([
      { text: 'Payment', hit: true },
      { text: ' ', hit: false },
      { text: 'payment', hit: true },
    ]);
    expect(highlightSegments('no match', 'zzz')).toEqual([{ text: 'no match', hit: false }]);
  });

  it('lists the lines that match', () => {
    const lines = ['INFO ok', 'WARN slow', 'info again'];
    expect(matchingIndices(lines.length, (i) => lines[i] ?? '', 'info')).toEqual([0, 2]);
    expect(matchingIndices(lines.length, (i) => lines[i] ?? '', '')).toEqual([]);
    expect(lineMatches('WARN slow', 'slow')).toBe(true);
    expect(lineMatches('WARN slow', '')).toBe(false);
  });
});
