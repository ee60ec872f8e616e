import type { LogEntry } from '@/logs/logStore';

/** The lines as a `.log` file holds them: as shown, one per line. */
export function logFileText(
  entries: readonly LogEntry[],
  labels: readonly string[] | null,
  showTimestamps: boolean,
): string {
  const lines = entries.map((entry) => {
    const prefix = entry.source >= 0 && labels !== null ? `[${labels[entry.source] ?? ''}] ` : '';
    const stamp = showTimestamps && entry.stamp !== '' ? `${entry.stamp} ` : '';
    return `${prefix}${stamp}${entry.text}`;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** A file name for the logs of `name` (and container), safe on every system. */
export function logFileName(name: string, container: string | undefined): string {
  const base = container === undefined || container === '*' ? name : `${name}-${container}`;
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '_')}.log`;
}

/** Lets the browser save `text` as a file. */
export function saveTextFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
