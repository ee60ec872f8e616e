// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeCycles, findCycles, importSpecifiers } from '../scripts/cycles.mjs';

const src = fileURLToPath(new URL('.', import.meta.url));

describe('import cycles', () => {
  it('reads every kind of import', () => {
    const text = [
      "import a from '@/a/x';",
      "import type { B } from '@/b/y';",
      "export { c } from './c';",
      "const d = import('@/d/z');",
      "type E = import('@/e/w').E;",
      "import 'react';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['@/a/x', '@/b/y', './c', '@/d/z', '@/e/w', 'react']);
  });

  it('are found between folders, directly or through others, and between files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      // a → b → c → a through three folders; d's two files import each other.
      write('a/one.ts', "import { two } from '@/b/two';\nexport const one = two;");
      write('b/two.ts', "import type { Three } from '@/c/three';\nexport const two = 2;");
      write('c/three.ts', "export type Three = 3;\nexport const x = () => import('@/a/one');");
      write('d/p.ts', "import { q } from './q';\nexport const p = q;");
      write('d/q.ts', "import { p } from './p';\nexport const q = () => p;");
      write('e/alone.ts', "import { one } from '@/a/one';\nexport const alone = one;");
      const cycles = findCycles(dir);
      expect(cycles.folderCycles.map((c) => c.folders)).toEqual([
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ]);
      expect(cycles.folderCycles[0]?.loop).toEqual(['a', 'b', 'c', 'a']);
      expect(cycles.fileCycles.map((c) => c.files)).toEqual([
        ['a/one.ts', 'b/two.ts', 'c/three.ts'],
        ['d/p.ts', 'd/q.ts'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are none: no folder of src, and no file, reaches itself through its imports', () => {
    const cycles = findCycles(src);
    expect(cycles.folderCycles, describeCycles(cycles)).toEqual([]);
    expect(cycles.fileCycles, describeCycles(cycles)).toEqual([]);
  });
});
