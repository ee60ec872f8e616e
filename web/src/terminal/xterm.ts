/**
 * xterm.js, set up for a pod's terminal. Only ever imported dynamically (see
 * useXterm), so xterm.js lands in its own chunk and pages without a terminal never load it.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface MountedTerminal {
  write: (data: Uint8Array | string) => void;
  /** Fits the terminal to its element; the new size goes to `onResize` if it changed. */
  fit: () => void;
  focus: () => void;
  clear: () => void;
  size: () => { columns: number; rows: number };
  setScreenReaderMode: (on: boolean) => void;
  dispose: () => void;
}

export interface TerminalCallbacks {
  /** Typed or pasted input. */
  onData: (data: string) => void;
  /** The terminal's size changed (columns × rows). */
  onResize: (columns: number, rows: number) => void;
}

/** Puts a terminal into `parent`, sized to it. */
export function mountTerminal(parent: HTMLElement, callbacks: TerminalCallbacks): MountedTerminal {
  const terminal = new Terminal({
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(parent);
  const data = terminal.onData(callbacks.onData);
  const resize = terminal.onResize(({ cols, rows }) => {
    callbacks.onResize(cols, rows);
  });
  const refit = () => {
    try {
      fit.fit();
    } catch {
      // Not laid out (hidden): keep the size it has.
    }
  };
  refit();
  return {
    write: (chunk) => {
      terminal.write(chunk);
    },
    fit: refit,
    focus: () => {
      terminal.focus();
    },
    clear: () => {
      terminal.reset();
    },
    size: () => ({ columns: terminal.cols, rows: terminal.rows }),
    setScreenReaderMode: (on) => {
      terminal.options.screenReaderMode = on;
    },
    dispose: () => {
      data.dispose();
      resize.dispose();
      terminal.dispose();
    },
  };
}
