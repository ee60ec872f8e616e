import { afterEach, describe, expect, it } from 'vitest';
import { ShellSession } from '@/terminal/shellSession';
import type { SessionStatus } from '@/terminal/shellSession';
import type { BinarySocket } from '@/terminal/terminalSocket';

/** A WebSocket stand-in for exec: records frames, and lets the test play the cluster. */
class FakeExecSocket implements BinarySocket {
  static all: FakeExecSocket[] = [];
  binaryType: BinaryType = 'blob';
  protocol = 'v5.channel.k8s.io';
  sent: number[][] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeExecSocket.all.push(this);
  }

  send(data: Uint8Array<ArrayBuffer>): void {
    this.sent.push([...data]);
  }

  close(): void {
    this.closed = true;
  }

  opens(): void {
    this.onopen?.(new Event('open'));
  }

  sends(channel: number, payload: string): void {
    const bytes = new TextEncoder().encode(payload);
    const frame = new Uint8Array(bytes.length + 1);
    frame[0] = channel;
    frame.set(bytes, 1);
    this.onmessage?.(new MessageEvent('message', { data: frame.buffer }));
  }

  closes(): void {
    this.onclose?.(new CloseEvent('close'));
  }
}

function start(mode: 'exec' | 'attach' = 'exec') {
  const statuses: SessionStatus[] = [];
  const written: string[] = [];
  const session = new ShellSession({
    target: { cluster: 'dev', namespace: 'demo', pod: 'web-1', container: 'nginx' },
    mode,
    shells: ['bash', 'sh'],
    screen: {
      write: (data) => {
        written.push(typeof data === 'string' ? data : new TextDecoder().decode(data));
      },
      size: () => ({ columns: 100, rows: 30 }),
    },
    onStatus: (status) => statuses.push(status),
    location: { protocol: 'https:', host: 'lanthorn.test' },
    createSocket: (url, protocols) => new FakeExecSocket(url, protocols),
  });
  session.start();
  return { session, statuses, written };
}

const notFound = JSON.stringify({
  status: 'Failure',
  message: 'exec: "bash": executable file not found in $PATH',
});

afterEach(() => {
  FakeExecSocket.all = [];
});

describe('ShellSession', () => {
  it('opens exec with bash and a tty, then sends the size and the keys typed', () => {
    const { session, statuses, written } = start();
    const socket = FakeExecSocket.all[0];
    expect(socket?.url).toBe(
      'wss://lanthorn.test/clusters/dev/api/v1/namespaces/demo/pods/web-1/exec?container=nginx&command=bash&stdin=true&stdout=true&stderr=true&tty=true',
    );
    expect(socket?.protocols).toEqual(['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    expect(socket?.binaryType).toBe('arraybuffer');
    socket?.opens();
    expect(statuses).toEqual([
      { phase: 'connecting', shell: 'bash' },
      { phase: 'open', shell: 'bash' },
    ]);
    const resize = socket?.sent[0] ?? [];
    expect(resize[0]).toBe(4);
    expect(JSON.parse(new TextDecoder().decode(new Uint8Array(resize.slice(1))))).toEqual({
      Width: 100,
      Height: 30,
    });
    session.input('ls\r');
    expect(socket?.sent[1]).toEqual([0, 0x6c, 0x73, 0x0d]);
    session.resize(80, 24);
    expect(socket?.sent[2]?.[0]).toBe(4);
    socket?.sends(1, 'kwok$ ');
    socket?.sends(2, 'oops');
    expect(written).toEqual(['kwok$ ', 'oops']);
  });

  it('falls back to sh when bash is missing, then reports a container without a shell', () => {
    const { statuses, written } = start();
    const bash = FakeExecSocket.all[0];
    bash?.opens();
    bash?.sends(3, notFound);
    bash?.closes();
    const sh = FakeExecSocket.all[1];
    expect(sh?.url).toContain('command=sh&');
    expect(written.join('')).toContain('bash is not in this container; trying sh');
    sh?.opens();
    sh?.sends(
      3,
      JSON.stringify({ status: 'Failure', message: 'exec: "sh": no such file or directory' }),
    );
    sh?.closes();
    expect(FakeExecSocket.all).toHaveLength(2);
    expect(statuses[statuses.length - 1]).toEqual({
      phase: 'no-shell',
      message: 'This container has no shell (tried bash, sh).',
    });
  });

  it('ends without a fallback when the cluster refused the upgrade', () => {
    const { statuses } = start();
    FakeExecSocket.all[0]?.closes();
    expect(FakeExecSocket.all).toHaveLength(1);
    expect(statuses[statuses.length - 1]).toMatchObject({ phase: 'ended', failed: true });
  });

  it('attaches without a command and stops quietly', () => {
    const { session, statuses } = start('attach');
    const socket = FakeExecSocket.all[0];
    expect(socket?.url).toBe(
      'wss://lanthorn.test/clusters/dev/api/v1/namespaces/demo/pods/web-1/attach?container=nginx&stdin=true&stdout=true&tty=true',
    );
    socket?.opens();
    session.stop();
    expect(socket?.closed).toBe(true);
    expect(statuses[statuses.length - 1]).toEqual({ phase: 'open', shell: undefined });
  });
});
