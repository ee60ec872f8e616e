import { clusterUrl } from '@/api/kube';
import {
  decodeFrame,
  encodeResize,
  encodeStdin,
  parseStatus,
  STATUS,
  STDERR,
  STDOUT,
  SUBPROTOCOLS,
} from '@/terminal/channel';
import type { ExitStatus } from '@/terminal/channel';

/** The part of the browser's WebSocket a terminal uses, so tests can pass a fake. */
export interface BinarySocket {
  binaryType: BinaryType;
  readonly protocol: string;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type BinarySocketFactory = (url: string, protocols: string[]) => BinarySocket;

const browserSocket: BinarySocketFactory = (url, protocols) => new WebSocket(url, protocols);

export interface PodStream {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
}

function podPath({ namespace, pod }: PodStream, subresource: 'exec' | 'attach'): string {
  const ns = encodeURIComponent(namespace);
  return `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(pod)}/${subresource}`;
}

function socketUrl(location: Pick<Location, 'protocol' | 'host'>, path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

/** The exec WebSocket URL running `command` (one `command=` per argument) with a tty. */
export function execUrl(
  location: Pick<Location, 'protocol' | 'host'>,
  target: PodStream,
  command: readonly string[],
): string {
  const query = new URLSearchParams({ container: target.container });
  for (const part of command) query.append('command', part);
  for (const flag of ['stdin', 'stdout', 'stderr', 'tty']) query.append(flag, 'true');
  return socketUrl(location, `${clusterUrl(target.cluster, podPath(target, 'exec'))}?${query}`);
}

/** The attach WebSocket URL: the container's own process, with a tty. */
export function attachUrl(
  location: Pick<Location, 'protocol' | 'host'>,
  target: PodStream,
): string {
  const query = new URLSearchParams({
    container: target.container,
    stdin: 'true',
    stdout: 'true',
    tty: 'true',
  });
  return socketUrl(location, `${clusterUrl(target.cluster, podPath(target, 'attach'))}?${query}`);
}

export interface TerminalEvents {
  onOpen: () => void;
  onOutput: (data: Uint8Array) => void;
  onStatus: (status: ExitStatus) => void;
  /** The socket closed; `opened` tells whether it ever opened. */
  onClose: (opened: boolean) => void;
}

/** One exec or attach session: bytes in, bytes out, resizes, and how it ended. */
export class TerminalSocket {
  private readonly socket: BinarySocket;
  private opened = false;
  private closed = false;

  constructor(url: string, events: TerminalEvents, create: BinarySocketFactory = browserSocket) {
    const socket = create(url, SUBPROTOCOLS);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.opened = true;
      events.onOpen();
    };
    socket.onmessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (!(data instanceof ArrayBuffer)) return;
      const frame = decodeFrame(data);
      if (frame === null) return;
      if (frame.channel === STDOUT || frame.channel === STDERR) events.onOutput(frame.data);
      else if (frame.channel === STATUS) events.onStatus(parseStatus(frame.data));
    };
    socket.onerror = () => {
      // A close follows; it says what happened.
    };
    socket.onclose = () => {
      if (this.closed) return;
      this.closed = true;
      events.onClose(this.opened);
    };
  }

  get isOpen(): boolean {
    return this.opened && !this.closed;
  }

  sendInput(data: string): void {
    if (this.isOpen) this.socket.send(encodeStdin(data));
  }

  resize(columns: number, rows: number): void {
    if (this.isOpen && columns > 0 && rows > 0) this.socket.send(encodeResize(columns, rows));
  }

  /** Closes the session without telling `onClose`. */
  close(): void {
    this.closed = true;
    this.socket.onopen = null;
    this.socket.onmessage = null;
    this.socket.onclose = null;
    this.socket.onerror = null;
    this.socket.close();
  }
}
