/** The tab reached from `from` by a key (arrows wrap, Home and End), or undefined for other keys. */
export function tabForKey(
  tabs: readonly { id: string }[],
  from: string,
  key: string,
): string | undefined {
  const at = tabs.findIndex((tab) => tab.id === from);
  if (at < 0 || tabs.length === 0) return undefined;
  const last = tabs.length - 1;
  const to =
    key === 'ArrowRight'
      ? (at + 1) % tabs.length
      : key === 'ArrowLeft'
        ? (at + last) % tabs.length
        : key === 'Home'
          ? 0
          : key === 'End'
            ? last
            : undefined;
  return to === undefined ? undefined : tabs[to]?.id;
}
