import { describe, expect, it } from 'vitest';
import { tableColumns } from '@/list/cells';
import {
  choiceKey,
  columnOptions,
  NO_CHOICE,
  parseChoice,
  readChoice,
  resetColumns,
  shownNames,
  withColumn,
  writeChoice,
} from '@/list/columns';
import type { ColumnOption } from '@/list/columns';

const option = (name: string, byDefault = true, locked = false): ColumnOption => ({
  name,
  byDefault,
  locked,
});

// A pod's table: Name locked on, IP and Node at priority 1.
const pods = [option('Name', true, true), option('Ready'), option('Age'), option('IP', false)];

/** A Storage kept in a Map, or one whose every call throws (disabled, full). */
function memoryStorage(broken = false): Storage {
  const items = new Map<string, string>();
  const check = () => {
    if (broken) throw new DOMException('denied', 'SecurityError');
  };
  return {
    get length() {
      return items.size;
    },
    clear: () => {
      items.clear();
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => {
      check();
      return items.get(key) ?? null;
    },
    setItem: (key, value) => {
      check();
      items.set(key, value);
    },
    removeItem: (key) => {
      check();
      items.delete(key);
    },
  };
}

const deployments = { group: 'apps', resource: 'deployments' };

describe('column choice', () => {
  it('shows the defaults when nothing was chosen', () => {
    expect([...shownNames(pods, NO_CHOICE)]).toEqual(['Name', 'Ready', 'Age']);
  });

  it('keeps only what differs from the default, and never hides the name', () => {
    let choice = withColumn(NO_CHOICE, option('IP', false), true);
    choice = withColumn(choice, option('Age'), false);
    expect(choice).toEqual({ shown: ['IP'], hidden: ['Age'], wrap: false });
    expect([...shownNames(pods, choice)]).toEqual(['Name', 'Ready', 'IP']);
    // Back to the default: nothing kept about it.
    choice = withColumn(choice, option('IP', false), false);
    expect(choice.shown).toEqual([]);
    expect(withColumn(choice, option('Name', true, true), false)).toBe(choice);
    expect(shownNames(pods, { shown: [], hidden: ['Name'], wrap: false }).has('Name')).toBe(true);
  });

  it('ignores columns the table no longer has, and new columns follow their default', () => {
    const stored = { shown: ['Gone'], hidden: ['Also gone', 'Ready'], wrap: false };
    expect([...shownNames([...pods, option('New')], stored)]).toEqual(['Name', 'Age', 'New']);
  });

  it('resets the columns but keeps wrapping', () => {
    expect(resetColumns({ shown: ['IP'], hidden: ['Age'], wrap: true })).toEqual({
      ...NO_CHOICE,
      wrap: true,
    });
  });

  it('counts anything stored that is not a choice as none', () => {
    for (const raw of [null, '', 'not json', '42', '"text"', '[1,2]', 'null', '{"shown":7}']) {
      expect(parseChoice(raw)).toEqual(NO_CHOICE);
    }
    expect(
      parseChoice(
        JSON.stringify({
          shown: ['IP', 3, null, '', 'IP', 'x'.repeat(500), 'Node'],
          hidden: ['Age', { a: 1 }, 'Node'],
          wrap: 'yes',
        }),
      ),
    ).toEqual({ shown: ['IP'], hidden: ['Age', 'Node'], wrap: false });
    expect(parseChoice('{"wrap":true}')).toEqual({ ...NO_CHOICE, wrap: true });
    const many = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    expect(parseChoice(JSON.stringify({ hidden: many })).hidden).toHaveLength(100);
  });

  it('is kept per group and resource, whatever the cluster', () => {
    expect(choiceKey(deployments)).toBe('lanthorn.columns.apps/deployments');
    expect(choiceKey({ group: '', resource: 'pods' })).toBe('lanthorn.columns.core/pods');
    const storage = memoryStorage();
    writeChoice(deployments, { shown: ['Images'], hidden: [], wrap: true }, storage);
    expect(readChoice(deployments, storage)).toEqual({ shown: ['Images'], hidden: [], wrap: true });
    expect(readChoice({ group: '', resource: 'deployments' }, storage)).toEqual(NO_CHOICE);
    // The default is kept as nothing.
    writeChoice(deployments, NO_CHOICE, storage);
    expect(storage.length).toBe(0);
  });

  it('works, forgetting, when storage refuses', () => {
    const storage = memoryStorage(true);
    expect(() => {
      writeChoice(deployments, { shown: ['Images'], hidden: [], wrap: false }, storage);
    }).not.toThrow();
    expect(readChoice(deployments, storage)).toEqual(NO_CHOICE);
  });

  it('offers every column of the table, the name locked, and the usage columns', () => {
    const columns = tableColumns(
      [
        { name: 'Name', type: 'string', format: 'name', priority: 0 },
        { name: 'Ready', type: 'string', priority: 0 },
        { name: 'IP', type: 'string', priority: 1 },
      ],
      true,
    );
    expect(columnOptions(columns, [{ name: 'CPU' }])).toEqual([
      option('Namespace'),
      option('Name', true, true),
      option('Ready'),
      option('IP', false),
      option('CPU'),
    ]);
  });
});
