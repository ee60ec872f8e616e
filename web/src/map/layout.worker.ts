import { layoutGraph } from '@/map/layout';
import type { LayoutInput } from '@/map/layout';

// The map's layout, off the page's thread: one answer per request, tagged with its id.
self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  self.postMessage({ id, positions: layoutGraph(input) });
};
