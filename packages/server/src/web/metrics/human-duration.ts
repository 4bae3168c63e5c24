/**
 * A duration as a person reads it in a metrics table: `45 s`, `12 min`, `1 h 20 min`, `2 d 3 h`.
 * Two units at most, rounded to the smaller one: a table compares many of them at a glance.
 * (The incident card's `1h 05m` style, durations.ts, is for a single incident.)
 */
export function humanDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d} d ${h} h` : `${d} d`;
}
