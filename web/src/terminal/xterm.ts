/**
 * xterm.js, set up for a pod's terminal. Only ever imported dynamically (see
 * useXterm), so xterm.js lands in its own chunk and pages without a terminal never load it.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { currentTheme, onThemeChange } from '@/ui/theme';
import type { Theme } from '@/ui/theme';

/** ANSI colours readable on a light background (xterm's own are made for a dark one). */
const LIGHT_ANSI: ITheme = {
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#4d2d00',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#633c01',
  brightBlue: '#218bff',
  brightMagenta: '#a475f9',
  brightCyan: '#3192aa',
  brightWhite: '#8c959f',
};

/** The terminal's colours for the page's theme, from the design tokens. */
function terminalTheme(theme: Theme): ITheme {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const background = token('--color-terminal-bg', theme === 'dark' ? '#0b0d10' : '#ffffff');
  const foreground = token('--color-terminal-text', theme === 'dark' ? '#e6e8eb' : '#1f2328');
  return {
    ...(theme === 'light' ? LIGHT_ANSI : {}),
    background,
    foreground,
    cursor: foreground,
    cursorAccent: background,
    selectionBackground: theme === 'dark' ? 'rgba(56, 139, 253, 0.4)' : 'rgba(9, 105, 218, 0.25)',
  };
}

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
    theme: terminalTheme(currentTheme()),
  });
  const themed = onThemeChange((theme) => {
    terminal.options.theme = terminalTheme(theme);
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
      themed();
      data.dispose();
      resize.dispose();
      terminal.dispose();
    },
  };
}
