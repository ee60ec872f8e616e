/** How long ago a timestamp was, kubectl style: `45s`, `12m`, `5h`, `3d`, `2y`. */
export function formatAge(timestamp: string | undefined | null, now: number = Date.now()): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') {
    return '—';
  }
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) {
    return '—';
  }
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 120) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  if (days < 730) {
    return `${days}d`;
  }
  return `${Math.floor(days / 365)}y`;
}
