import type { ExitStatus } from '@/terminal/channel';
import { afterAttempt, endMessage } from '@/terminal/shellFallback';
import type { AttemptEnd } from '@/terminal/shellFallback';
import { attachUrl, execUrl, TerminalSocket } from '@/terminal/terminalSocket';
import type { BinarySocketFactory, PodStream } from '@/terminal/terminalSocket';

export type SessionStatus =
  | { phase: 'connecting'; shell: string | undefined }
  | { phase: 'open'; shell: string | undefined }
  | { phase: 'ended'; message: string; failed: boolean }
  | { phase: 'no-shell'; message: string };

/** Where a session's output goes, and the size it has. */
export interface Screen {
  write: (data: Uint8Array | string) => void;
  size: () => { columns: number; rows: number };
}

export interface SessionOptions {
  target: PodStream;
  /** `exec` runs a shell; `attach` joins the container's own process. */
  mode: 'exec' | 'attach';
  /** Shells to try in order (exec only). */
  shells: readonly string[];
  screen: Screen;
  onStatus: (status: SessionStatus) => void;
  location?: Pick<Location, 'protocol' | 'host'>;
  createSocket?: BinarySocketFactory;
}

/**
 * A terminal session in a pod: exec tries each shell in turn until one runs (a missing
 * shell ends at once with a "not found" status), attach joins the main process. Sends the
 * screen's size as soon as the socket opens and on every resize.
 */
export class ShellSession {
  private readonly options: SessionOptions;
  private socket: TerminalSocket | null = null;
  private stopped = false;

  constructor(options: SessionOptions) {
    this.options = options;
  }

  start(): void {
    this.attempt(0);
  }

  input(data: string): void {
    this.current?.typed();
    this.socket?.sendInput(data);
  }

  resize(columns: number, rows: number): void {
    this.socket?.resize(columns, rows);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
    this.socket = null;
  }

  private current: { typed: () => void } | null = null;

  private attempt(index: number): void {
    const { target, mode, shells, screen, onStatus } = this.options;
    const location = this.options.location ?? window.location;
    const shell = mode === 'exec' ? shells[index] : undefined;
    const url =
      mode === 'exec' ? execUrl(location, target, [shell ?? 'sh']) : attachUrl(location, target);
    let sawOutput = false;
    let typed = false;
    let status: ExitStatus | null = null;
    this.current = {
      typed: () => {
        typed = true;
      },
    };
    onStatus({ phase: 'connecting', shell });
    const socket = new TerminalSocket(
      url,
      {
        onOpen: () => {
          const { columns, rows } = screen.size();
          socket.resize(columns, rows);
          onStatus({ phase: 'open', shell });
        },
        onOutput: (data) => {
          sawOutput = true;
          screen.write(data);
        },
        onStatus: (received) => {
          status = received;
        },
        onClose: (opened) => {
          if (this.stopped || this.socket !== socket) return;
          this.socket = null;
          const end: AttemptEnd = !opened
            ? { kind: 'refused' }
            : status !== null
              ? { kind: 'status', status, sawOutput, typed }
              : { kind: 'closed', sawOutput, typed };
          if (mode === 'attach') {
            onStatus({ phase: 'ended', ...endMessage(end) });
            return;
          }
          const next = afterAttempt(shells, index + 1, end);
          if (next.action === 'try') {
            screen.write(
              `\r\n[${shell ?? 'shell'} is not in this container; trying ${next.shell}]\r\n`,
            );
            this.attempt(index + 1);
          } else if (next.action === 'no-shell') {
            onStatus({ phase: 'no-shell', message: next.message });
          } else {
            onStatus({ phase: 'ended', message: next.message, failed: next.failed });
          }
        },
      },
      this.options.createSocket,
    );
    this.socket = socket;
  }
}
