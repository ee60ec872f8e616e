import { describe, expect, it } from 'vitest';
import { keyMillis, parseLine, timeKey } from '@/logs/logLine';
import { LogStore, MAX_LOG_LINES } from '@/logs/logStore';

const texts = (store: LogStore) => store.entries().map((e) => `${e.source}:${e.text}`);

describe('timeKey and parseLine', () => {
  it('pads the fraction so that keys sort as times do', () => {
    const a = timeKey('2026-11-28T08:00:07.12Z');
    const b = timeKey('2026-11-28T08:00:07.1201Z');
    expect(a).toBe('2026-11-28T08:00:07.120000000');
    expect(a !== null && b !== null && a < b).toBe(true);
    expect(timeKey('2026-11-28T08:00:07Z')).toBe('2026-11-28T08:00:07.000000000');
    expect(timeKey('2026-11-28T09:00:07.5+01:00')).toBe('2026-11-28T08:00:07.500000000');
    expect(timeKey('yesterday')).toBeNull();
    expect(keyMillis('2026-11-28T08:00:07.500000000')).toBe(Date.parse('2026-11-28T08:00:07.5Z'));
  });

  it('splits the timestamp off only when asked to and when there is one', () => {
    expect(parseLine('2026-11-28T08:00:07.1Z hello world', true)).toEqual({
      stamp: '2026-11-28T08:00:07.1Z',
      key: '2026-11-28T08:00:07.100000000',
      text: 'hello world',
    });
    expect(parseLine('no time here', true)).toEqual({ stamp: '', key: null, text: 'no time here' });
    expect(parseLine('2026-11-28T08:00:07Z x', false).text).toBe('2026-11-28T08:00:07Z x');
  });
});

describe('LogStore', () => {
  it('merges the backlogs of several pods by time', () => {
    const store = new LogStore();
    store.append(0, ['2026-01-01T00:00:01Z a1', '2026-01-01T00:00:03Z a3'], true);
    store.append(1, ['2026-01-01T00:00:02Z b2', '2026-01-01T00:00:04Z b4'], true);
    store.append(0, ['2026-01-01T00:00:05Z a5'], true);
    store.append(2, ['2026-01-01T00:00:00Z c0', '2026-01-01T00:00:03Z c3'], true);
    expect(texts(store)).toEqual(['2:c0', '0:a1', '1:b2', '0:a3', '2:c3', '1:b4', '0:a5']);
  });

  it("keeps a source's own order even when its times go backwards", () => {
    const store = new LogStore();
    store.append(0, ['2026-01-01T00:00:05Z first', '2026-01-01T00:00:09Z second'], true);
    store.append(0, ['2026-01-01T00:00:07Z third, out of order'], true);
    store.append(1, ['2026-01-01T00:00:08Z other'], true);
    expect(texts(store)).toEqual(['0:first', '0:second', '0:third, out of order', '1:other']);
  });

  it('appends lines without timestamps in arrival order', () => {
    const store = new LogStore();
    store.append(0, ['one', 'two'], false);
    store.append(1, ['three'], false);
    expect(texts(store)).toEqual(['0:one', '0:two', '1:three']);
    expect(store.at(0)?.stamp).toBe('');
  });

  it('holds at most its capacity, dropping the oldest', () => {
    const store = new LogStore(5);
    store.append(0, ['1', '2', '3', '4', '5', '6', '7'], false);
    expect(texts(store)).toEqual(['0:3', '0:4', '0:5', '0:6', '0:7']);
    expect(store.dropped).toBe(2);
    expect(new LogStore().ring.capacity).toBe(MAX_LOG_LINES);
  });

  it('skips lines it already holds after a resume, and nothing else', () => {
    const store = new LogStore();
    store.append(0, ['2026-01-01T00:00:01Z a', '2026-01-01T00:00:02Z b'], true);
    store.resume(0);
    store.note('reconnected');
    store.append(
      0,
      ['2026-01-01T00:00:01Z a', '2026-01-01T00:00:02Z b', '2026-01-01T00:00:02Z b2'],
      true,
    );
    store.append(0, ['2026-01-01T00:00:03Z c', '2026-01-01T00:00:01Z late but new'], true);
    expect(texts(store)).toEqual(['0:a', '0:b', '-1:reconnected', '0:b2', '0:c', '0:late but new']);
    expect(store.lastKeyOf(0)).toBe('2026-01-01T00:00:01.000000000');
  });

  it('tells views about changes through its version', () => {
    const store = new LogStore();
    const before = store.version;
    store.append(0, [], true);
    expect(store.version).toBe(before);
    store.append(0, ['x'], false);
    expect(store.version).toBe(before + 1);
    store.clear();
    expect(store.size).toBe(0);
  });
});
