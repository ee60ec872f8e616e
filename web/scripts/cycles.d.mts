/** Types of scripts/cycles.mjs, for src/cycles.test.ts. */
export interface FolderCycle {
  /** Two folders (or top-level files) of src that reach each other through imports. */
  folders: [string, string];
  /** One loop through both, e.g. ["a", "b", "a"]. */
  loop: string[];
  /** One import (file → file) for each step of the loop. */
  edges: string[];
}

export interface FileCycle {
  /** The files of one strongly connected group, relative to src. */
  files: string[];
  /** One loop through the first of them. */
  loop: string[];
}

export interface Cycles {
  folderCycles: FolderCycle[];
  fileCycles: FileCycle[];
}

export function importSpecifiers(text: string, fileName?: string): string[];
export function findCycles(srcDir: string): Cycles;
export function describeCycles(cycles: Cycles): string;
