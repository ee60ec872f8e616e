import type { SocketLike } from '@/watch/mux';

/** For tests: a WebSocket stand-in: records what the mux sends, and lets the test play the server. */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.closed = true;
  }

  serverOpens(): void {
    this.onopen?.(new Event('open'));
  }

  serverSends(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  serverDrops(): void {
    this.onclose?.(new CloseEvent('close'));
  }

  subscriptions(): Record<string, unknown>[] {
    return this.sent.filter((m) => m['type'] === 'subscribe');
  }
}

export const latestSocket = (): FakeSocket => {
  const socket = FakeSocket.all[FakeSocket.all.length - 1];
  if (socket === undefined) throw new Error('no socket was opened');
  return socket;
};
