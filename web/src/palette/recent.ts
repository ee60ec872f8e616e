import type { PaletteItem } from '@/palette/rank';

/** The palette's recently chosen items, per cluster, kept in this browser (localStorage). */

const MAX_RECENT = 8;
const key = (cluster: string) => `lanthorn.palette.recent.${cluster}`;

const isItem = (value: unknown): value is PaletteItem => {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item['id'] === 'string' &&
    typeof item['label'] === 'string' &&
    typeof item['detail'] === 'string' &&
    typeof item['href'] === 'string' &&
    ['page', 'kind', 'namespace', 'object', 'action'].includes(String(item['type'])) &&
    // Only the app's own paths: what was stored is not trusted to be a safe link.
    item['href'].startsWith('/') &&
    !item['href'].startsWith('//')
  );
};

/** `item` first, without an earlier copy of it, at most `max`. */
export function withRecent(
  list: readonly PaletteItem[],
  item: PaletteItem,
  max = MAX_RECENT,
): PaletteItem[] {
  const kept: PaletteItem = {
    id: item.id,
    type: item.type,
    label: item.label,
    detail: item.detail,
    href: item.href,
  };
  return [kept, ...list.filter((other) => other.id !== item.id)].slice(0, max);
}

/** The recent items of `cluster`, most recent first (none when storage is unusable). */
export function readRecent(cluster: string, storage: Storage = window.localStorage): PaletteItem[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key(cluster)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isItem).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Remembers that `item` was chosen on `cluster`. */
export function rememberRecent(
  cluster: string,
  item: PaletteItem,
  storage: Storage = window.localStorage,
): void {
  try {
    storage.setItem(key(cluster), JSON.stringify(withRecent(readRecent(cluster, storage), item)));
  } catch {
    // Storage full or disabled: not remembered.
  }
}
