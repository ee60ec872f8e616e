import { layoutGraph } from '@/map/layout';
import type { LayoutInput, Positions } from '@/map/layout';

/**
 * Runs layouts in one worker, newest request wins; where there is no Worker (tests), on the
 * spot.
 */

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (positions: Positions) => void>();

function theWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (worker === null) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; positions: Positions }>) => {
      const resolve = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      resolve?.(event.data.positions);
    };
  }
  return worker;
}

export function runLayout(input: LayoutInput): Promise<Positions> {
  const running = theWorker();
  if (running === null) return Promise.resolve(layoutGraph(input));
  nextId += 1;
  const id = nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    running.postMessage({ id, input });
  });
}
