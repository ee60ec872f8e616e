/**
 * A fixed-capacity ring of items: pushing onto a full ring drops the oldest, so a log that
 * runs for days holds only its last `capacity` lines.
 */
export class LineRing<T> {
  readonly capacity: number;
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** How many items were dropped from the front since the ring was made or cleared. */
  dropped = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('capacity must be a whole number, 1 or more');
    }
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The item at `index` (0 = oldest held), or undefined outside the ring. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.start + index) % this.capacity];
  }

  /** The newest item, if any. */
  last(): T | undefined {
    return this.at(this.count - 1);
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count += 1;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    this.dropped += 1;
  }

  pushAll(items: readonly T[]): void {
    for (const item of items) this.push(item);
  }

  /** Removes the newest `n` items and returns them, oldest first. */
  popTail(n: number): T[] {
    const taken = Math.max(0, Math.min(n, this.count));
    const out: T[] = [];
    for (let i = this.count - taken; i < this.count; i += 1) {
      const index = (this.start + i) % this.capacity;
      out.push(this.items[index] as T);
      this.items[index] = undefined;
    }
    this.count -= taken;
    return out;
  }

  /** Every item held, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i += 1)
      out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.dropped = 0;
  }
}
