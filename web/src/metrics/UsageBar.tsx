/** A value with a bar showing its share of `of` (e.g. usage of allocatable). */
export function UsageBar({ text, share }: { text: string; share: number }) {
  const percent = Math.max(0, Math.min(100, Math.round(share * 100)));
  return (
    <span className="usage-bar" title={text}>
      <span className="usage-bar-track" aria-hidden="true">
        <span className="usage-bar-fill" style={{ width: `${percent}%` }} />
      </span>{' '}
      {text}
    </span>
  );
}
