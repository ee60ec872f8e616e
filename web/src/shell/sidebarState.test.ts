import { describe, expect, it } from 'vitest';
import { readSidebarCollapsed, SIDEBAR_KEY, writeSidebarCollapsed } from '@/shell/sidebarState';

const store = (value: string | null) => ({
  getItem: (key: string) => (key === SIDEBAR_KEY ? value : null),
});

describe('sidebar state in storage', () => {
  it('is collapsed only for the value it writes', () => {
    expect(readSidebarCollapsed(store('true'))).toBe(true);
    expect(readSidebarCollapsed(store('false'))).toBe(false);
    expect(readSidebarCollapsed(store(null))).toBe(false);
    expect(readSidebarCollapsed(store('{"garbage'))).toBe(false);
    expect(readSidebarCollapsed(undefined)).toBe(false);
  });

  it('survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readSidebarCollapsed(throwing)).toBe(false);
    expect(() => {
      writeSidebarCollapsed(throwing, true);
    }).not.toThrow();
  });

  it('writes what it reads back', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => {
        data.set(key, value);
      },
    };
    writeSidebarCollapsed(storage, true);
    expect(readSidebarCollapsed(storage)).toBe(true);
    writeSidebarCollapsed(storage, false);
    expect(readSidebarCollapsed(storage)).toBe(false);
  });
});
