import { withBase } from '@/api/base';
import { WatchMux } from '@/watch/mux';

let shared: WatchMux | null = null;

/** The `ws(s)://host[/base]/watch` URL of the page's own origin. */
export function watchUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${withBase('/watch')}`;
}

/** The tab's one watch multiplexer, created on first use. */
export function sharedWatchMux(): WatchMux {
  shared ??= new WatchMux({
    url: watchUrl(window.location),
    createSocket: (url) => new WebSocket(url),
  });
  return shared;
}
