import { describe, expect, it } from 'vitest';
import { diffLines, foldUnchanged, hasChanges } from '@/yaml/diff';
import type { DiffLine } from '@/yaml/diff';

const render = (lines: DiffLine[]) =>
  lines.map((line) => `${{ same: ' ', add: '+', del: '-' }[line.op]}${line.text}`);

/** Applying a diff to `before` must give `after`, and dropping additions must give `before`. */
function check(before: string, after: string) {
  const lines = diffLines(before, after);
  const kept = (op: 'add' | 'del') =>
    lines
      .filter((line) => line.op !== op)
      .map((line) => `${line.text}\n`)
      .join('');
  expect(kept('del')).toBe(after.endsWith('\n') || after === '' ? after : `${after}\n`);
  expect(kept('add')).toBe(before.endsWith('\n') || before === '' ? before : `${before}\n`);
  return lines;
}

describe('diffLines', () => {
  it('marks nothing on equal texts', () => {
    const lines = check('a\nb\n', 'a\nb\n');
    expect(hasChanges(lines)).toBe(false);
    expect(render(lines)).toEqual([' a', ' b']);
  });

  it('finds a changed line in the middle', () => {
    const lines = check('a\nb\nc\n', 'a\nB\nc\n');
    expect(render(lines)).toEqual([' a', '-b', '+B', ' c']);
  });

  it('handles additions and removals at the ends', () => {
    expect(render(check('', 'x\ny\n'))).toEqual(['+x', '+y']);
    expect(render(check('x\ny\n', ''))).toEqual(['-x', '-y']);
    expect(render(check('b\nc\n', 'a\nb\nc\nd\n'))).toEqual(['+a', ' b', ' c', '+d']);
  });

  it('finds a shortest script', () => {
    // The classic example: ABCABBA → CBABAC takes 5 edits.
    const lines = check('A\nB\nC\nA\nB\nB\nA', 'C\nB\nA\nB\nA\nC');
    expect(lines.filter((line) => line.op !== 'same')).toHaveLength(5);
  });

  it('stays correct on larger random texts', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const make = () => Array.from({ length: 60 }, () => `line ${next() % 12}`).join('\n') + '\n';
    for (let round = 0; round < 20; round++) {
      check(make(), make());
    }
  });
});

describe('foldUnchanged', () => {
  it('keeps three lines of context and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'L10');
    const chunks = foldUnchanged(diffLines(before, after));
    expect(
      chunks.map((chunk) => (chunk.kind === 'skip' ? chunk.count : chunk.lines.length)),
    ).toEqual([7, 8, 6]);
    expect(chunks[0]).toEqual({ kind: 'skip', count: 7 });
  });
});
