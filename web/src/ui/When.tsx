import { formatAbsolute, formatTime } from '@/ui/age';
import { useSettings } from '@/ui/settingsStore';

/**
 * A timestamp as the user's settings say: `5m ago` (or `5m` with `age`, for an age column)
 * or a date and time in their zone. The other form is its tooltip.
 */
export function When({ at, age = false }: { at: string | undefined | null; age?: boolean }) {
  const settings = useSettings();
  const parsed = at === undefined || at === null ? NaN : Date.parse(at);
  if (at === undefined || at === null || Number.isNaN(parsed)) return <>—</>;
  const text = formatTime(at, settings, { age });
  const other =
    settings.time === 'absolute'
      ? formatTime(at, { ...settings, time: 'relative' })
      : formatAbsolute(parsed, settings.timeZone);
  return (
    <time dateTime={at} title={other}>
      {text}
    </time>
  );
}
