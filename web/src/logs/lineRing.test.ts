import { describe, expect, it } from 'vitest';
import { LineRing } from '@/logs/lineRing';

describe('LineRing', () => {
  it('keeps the newest items up to its capacity and counts what it dropped', () => {
    const ring = new LineRing<number>(3);
    ring.pushAll([1, 2]);
    expect(ring.toArray()).toEqual([1, 2]);
    ring.pushAll([3, 4, 5]);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    expect(ring.dropped).toBe(2);
    expect(ring.at(0)).toBe(3);
    expect(ring.at(2)).toBe(5);
    expect(ring.at(3)).toBeUndefined();
    expect(ring.last()).toBe(5);
  });

  it('pops the newest items in order and takes new ones after', () => {
    const ring = new LineRing<string>(4);
    ring.pushAll(['a', 'b', 'c', 'd', 'e']);
    expect(ring.popTail(2)).toEqual(['d', 'e']);
    expect(ring.toArray()).toEqual(['b', 'c']);
    ring.pushAll(['x', 'y', 'z']);
    expect(ring.toArray()).toEqual(['c', 'x', 'y', 'z']);
    expect(ring.popTail(10)).toEqual(['c', 'x', 'y', 'z']);
    expect(ring.size).toBe(0);
  });

  it('stays bounded with a hundred thousand lines and more', () => {
    const ring = new LineRing<number>(100_000);
    for (let i = 0; i < 250_000; i += 1) ring.push(i);
    expect(ring.size).toBe(100_000);
    expect(ring.at(0)).toBe(150_000);
    expect(ring.last()).toBe(249_999);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.dropped).toBe(0);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LineRing<number>(0)).toThrow(RangeError);
  });
});
