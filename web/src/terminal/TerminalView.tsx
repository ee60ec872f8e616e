import { useEffect, useRef, useState } from 'react';
import type { MountedTerminal } from '@/terminal/xterm';
import { ShellSession } from '@/terminal/shellSession';
import type { SessionStatus } from '@/terminal/shellSession';
import type { PodStream } from '@/terminal/terminalSocket';
import { ErrorText } from '@/ui/ErrorText';

type Loading = 'loading' | 'ready' | 'failed';

/**
 * A terminal (xterm.js, loaded on first use) running one session in a pod. A new `run`
 * value starts a new session; the terminal follows its element's size and tells the
 * session every change.
 */
export function TerminalView({
  target,
  mode,
  shells,
  run,
  screenReader,
  onStatus,
}: {
  target: PodStream;
  mode: 'exec' | 'attach';
  shells: readonly string[];
  /** Changes to start over (reconnect). */
  run: number;
  screenReader: boolean;
  onStatus: (status: SessionStatus) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<MountedTerminal | null>(null);
  const session = useRef<ShellSession | null>(null);
  const latestOnStatus = useRef(onStatus);
  const [loading, setLoading] = useState<Loading>('loading');

  useEffect(() => {
    latestOnStatus.current = onStatus;
  }, [onStatus]);

  useEffect(() => {
    let live = true;
    let observer: ResizeObserver | null = null;
    const onWindowResize = () => {
      terminal.current?.fit();
    };
    import('@/terminal/xterm')
      .then(({ mountTerminal }) => {
        const element = host.current;
        if (!live || element === null) return;
        terminal.current = mountTerminal(element, {
          onData: (data) => {
            session.current?.input(data);
          },
          onResize: (columns, rows) => {
            session.current?.resize(columns, rows);
          },
        });
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(onWindowResize);
          observer.observe(element);
        }
        window.addEventListener('resize', onWindowResize);
        setLoading('ready');
      })
      .catch(() => {
        if (live) setLoading('failed');
      });
    return () => {
      live = false;
      observer?.disconnect();
      window.removeEventListener('resize', onWindowResize);
      terminal.current?.dispose();
      terminal.current = null;
    };
  }, []);

  useEffect(() => {
    terminal.current?.setScreenReaderMode(screenReader);
  }, [screenReader, loading]);

  const key = JSON.stringify([target, mode, shells]);
  useEffect(() => {
    const screen = terminal.current;
    if (loading !== 'ready' || screen === null) return undefined;
    const [asked, askedMode, askedShells] = JSON.parse(key) as [
      PodStream,
      'exec' | 'attach',
      string[],
    ];
    screen.clear();
    screen.fit();
    const started = new ShellSession({
      target: asked,
      mode: askedMode,
      shells: askedShells,
      screen,
      onStatus: (status) => {
        latestOnStatus.current(status);
      },
    });
    session.current = started;
    started.start();
    screen.focus();
    return () => {
      started.stop();
      if (session.current === started) session.current = null;
    };
  }, [key, run, loading]);

  return (
    <div className="terminal-frame">
      {loading === 'loading' && <p className="muted">Loading terminal…</p>}
      {loading === 'failed' && <ErrorText>The terminal could not be loaded.</ErrorText>}
      <div ref={host} className="terminal-host" role="region" aria-label="Terminal" />
    </div>
  );
}
