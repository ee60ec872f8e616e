import { useEffect, useState } from 'react';
import { keyMillis } from '@/logs/logLine';
import { LogStore } from '@/logs/logStore';
import { podLogPath } from '@/logs/logTargets';
import type { LogSource } from '@/logs/logTargets';
import type { LogOptions } from '@/watch/events';
import type { ResumeReason, WatchMux } from '@/watch/mux';

export interface StreamOptions {
  follow: boolean;
  previous: boolean;
  since?: number;
  tail?: number;
}

export type SourceState =
  { state: 'streaming' } | { state: 'ended' } | { state: 'error'; status: number; message: string };

/** How often at most the view is told about new lines. */
const FLUSH_MS = 80;

/** The options of one source's subscription; timestamps always (to merge and resume). */
export function subscribeOptions(source: LogSource, options: StreamOptions): LogOptions {
  return {
    container: source.container,
    follow: options.follow,
    previous: options.previous,
    timestamps: true,
    ...(options.since === undefined ? {} : { sinceSeconds: options.since }),
    ...(options.tail === undefined ? {} : { tailLines: options.tail }),
  };
}

/**
 * The line shown in the log when a read goes on after an interruption, or `null` when
 * there is nothing to say: the server ends every log read after five minutes, and
 * reading on then is routine.
 */
export function resumeNote(reason?: ResumeReason): string | null {
  switch (reason) {
    case 'timeLimit':
      return null;
    case 'fellBehind':
      return '— the log came faster than it could be shown; lines missed since are below —';
    default:
      return '— the connection to Lanthorn was lost; lines missed since are below —';
  }
}

/**
 * The options to resume a followed log after the socket dropped: only what was missed,
 * from a second before the last line held (the store skips lines it already has).
 */
export function resumeOptions(
  source: LogSource,
  options: StreamOptions,
  lastKey: string | undefined,
  startedAt: number,
  now: number,
): LogOptions {
  const from = lastKey === undefined ? startedAt : keyMillis(lastKey);
  const since = Math.max(1, Math.ceil((now - from) / 1000) + 1);
  return {
    container: source.container,
    follow: options.follow,
    previous: options.previous,
    timestamps: true,
    sinceSeconds: since,
  };
}

interface Stream {
  key: string;
  store: LogStore;
  states: SourceState[];
  version: number;
}

/**
 * Streams the logs of `sources` over the tab's shared socket into one [`LogStore`]
 * (merged by time, bounded), re-rendering at most every 80 ms while lines arrive.
 */
export function useLogStream(
  mux: WatchMux,
  cluster: string,
  namespace: string,
  sources: readonly LogSource[],
  options: StreamOptions,
): Stream {
  const key = JSON.stringify([cluster, namespace, sources, options]);
  const [stream, setStream] = useState<Stream>(() => ({
    key,
    store: new LogStore(),
    states: sources.map(() => ({ state: 'streaming' })),
    version: 0,
  }));

  useEffect(() => {
    const [askedCluster, askedNamespace, asked, askedOptions] = JSON.parse(key) as [
      string,
      string,
      LogSource[],
      StreamOptions,
    ];
    const store = new LogStore();
    const states: SourceState[] = asked.map(() => ({ state: 'streaming' }));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      setStream({ key, store, states: [...states], version: store.version });
    };
    const soon = () => {
      timer ??= setTimeout(publish, FLUSH_MS);
    };
    publish();
    const startedAt = Date.now();
    let notedAt = 0;
    const subscriptions = asked.map((source, index) =>
      mux.subscribeLogs(
        {
          cluster: askedCluster,
          path: podLogPath(askedNamespace, source.pod),
          options: subscribeOptions(source, askedOptions),
        },
        {
          onLines: (lines) => {
            store.append(index, lines, true);
            soon();
          },
          onEnded: () => {
            states[index] = { state: 'ended' };
            soon();
          },
          onError: (failure) => {
            states[index] = { state: 'error', status: failure.status, message: failure.message };
            soon();
          },
          resumeOptions: (reason?: ResumeReason) => {
            store.resume(index);
            const note = resumeNote(reason);
            if (note !== null && Date.now() - notedAt > 2_000) {
              notedAt = Date.now();
              store.note(note);
            }
            soon();
            return resumeOptions(
              source,
              askedOptions,
              store.lastKeyOf(index),
              startedAt,
              Date.now(),
            );
          },
        },
      ),
    );
    return () => {
      if (timer !== null) clearTimeout(timer);
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  }, [mux, key]);

  return stream.key === key
    ? stream
    : {
        key,
        store: new LogStore(1),
        states: sources.map(() => ({ state: 'streaming' })),
        version: -1,
      };
}
