// @vitest-environment node
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

  it('are not grown: no folder of src reaches itself through its imports', () => {
    const cycles = findCycles(src);
    // Ratchet while the cycles are being removed; the goal is none.
    expect(cycles.folderCycles.length, describeCycles(cycles)).toBeLessThanOrEqual(66);
    expect(cycles.fileCycles, describeCycles(cycles)).toEqual([]);
  });
});
