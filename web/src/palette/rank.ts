/**
 * Matching and ranking for the command palette: what the user typed against each item's
 * label and keywords, case-insensitive, best first.
 */

/** What the palette can offer. */
export type ItemType = 'page' | 'kind' | 'namespace' | 'object' | 'action';

export interface PaletteItem {
  /** Stable across openings (recent items are remembered by it). */
  id: string;
  type: ItemType;
  label: string;
  /** A second, quieter line: the kind and namespace, what the action does. */
  detail: string;
  /** The app path it goes to. */
  href: string;
  /** Other words it answers to (a kind's short names, an object's kind). */
  keywords?: string[];
}

const BOUNDARY = /[-_./:\s]/;

/**
 * How well `needle` (lower case) matches `text`: higher is better, null for no match.
 * Whole text 100, start 80, start of a word (after `-`, `.`, `/`, …) 60, anywhere 40,
 * the letters in order (`dpl` in `deployments`) up to 20, fewer gaps better.
 */
export function matchScore(text: string, needle: string): number | null {
  if (needle === '') return 0;
  const hay = text.toLowerCase();
  if (hay === needle) return 100;
  if (hay.startsWith(needle)) return 80;
  const at = hay.indexOf(needle);
  if (at > 0) {
    for (let index = at; index >= 0; index = hay.indexOf(needle, index + 1)) {
      if (BOUNDARY.test(hay.charAt(index - 1))) return 60;
    }
    return 40;
  }
  // The letters in order, each after the one before.
  let gaps = 0;
  let from = 0;
  for (const char of needle) {
    if (char === ' ') continue;
    const found = hay.indexOf(char, from);
    if (found < 0) return null;
    if (found > from) gaps += 1;
    from = found + 1;
  }
  return Math.max(1, 20 - gaps * 2);
}

/** Among items that match equally well, kinds and pages before namespaces before objects. */
const TYPE_WEIGHT: Record<ItemType, number> = {
  action: 4,
  page: 3,
  kind: 3,
  namespace: 2,
  object: 1,
};

/** The best of the label's score and (a little below it) the keywords'. */
export function itemScore(item: PaletteItem, needle: string): number | null {
  const label = matchScore(item.label, needle);
  const keywords = (item.keywords ?? [])
    .map((word) => matchScore(word, needle))
    .filter((score): score is number => score !== null)
    .map((score) => score - 5);
  const scores = [...(label === null ? [] : [label]), ...keywords];
  return scores.length === 0 ? null : Math.max(...scores);
}

/**
 * The items matching `term`, best first; among equals, recently chosen ones first, then
 * by type, then shorter labels, then in the order given. At most `max`.
 */
export function rankItems(
  items: readonly PaletteItem[],
  term: string,
  recentIds: readonly string[] = [],
  max = 50,
): PaletteItem[] {
  const needle = term.trim().toLowerCase();
  const recency = new Map(recentIds.map((id, index) => [id, recentIds.length - index]));
  return items
    .map((item, order) => ({ item, order, score: itemScore(item, needle) }))
    .filter(
      (entry): entry is { item: PaletteItem; order: number; score: number } => entry.score !== null,
    )
    .sort(
      (a, b) =>
        b.score - a.score ||
        (recency.get(b.item.id) ?? 0) - (recency.get(a.item.id) ?? 0) ||
        TYPE_WEIGHT[b.item.type] - TYPE_WEIGHT[a.item.type] ||
        a.item.label.length - b.item.label.length ||
        a.order - b.order,
    )
    .slice(0, max)
    .map((entry) => entry.item);
}

/** What a typed line asks for: an action word first (`scale web`), then the term. */
export type Intent = 'scale' | 'logs' | 'go' | undefined;

export interface ParsedQuery {
  intent: Intent;
  term: string;
}

const INTENTS: [RegExp, Exclude<Intent, undefined>][] = [
  [/^scale(\s+|$)/i, 'scale'],
  [/^logs?(\s+|$)/i, 'logs'],
  [/^(go\s+to|goto|go|open)(\s+|$)/i, 'go'],
];

/**
 * `scale web` → scale, `web`; `logs api` → logs, `api`; `go to nodes` → go, `nodes`;
 * anything else is a plain term. An action word alone (`scale`) still asks for the action.
 */
export function parseQuery(input: string): ParsedQuery {
  const text = input.trimStart();
  for (const [pattern, intent] of INTENTS) {
    const match = pattern.exec(text);
    // "scaler" is a name, not the action: the word must end there.
    if (match !== null) return { intent, term: text.slice(match[0].length).trim() };
  }
  return { intent: undefined, term: text.trim() };
}
