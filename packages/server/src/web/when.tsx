import { formatDuration } from '@muster/core';

/** `2026-12-02 09:05 UTC`: absolute times are UTC everywhere on the dashboard (the filters' dates are too). */
export const absoluteTime = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** `5m 10s ago`, `in 2h 00m`, `just now`. */
export function relativeTime(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  if (Math.abs(ms) < 30_000) return 'just now';
  return ms > 0 ? `${formatDuration(ms)} ago` : `in ${formatDuration(-ms)}`;
}

/** A moment as people read it, relative and absolute, with the machine-readable time for scripts and readers. */
export function When({ at, now }: { at: Date | undefined; now: Date }) {
  if (!at) return <span class="muted">—</span>;
  return (
    <time dateTime={at.toISOString()} title={absoluteTime(at)}>
      {relativeTime(at, now)} <span class="muted">({absoluteTime(at)})</span>
    </time>
  );
}
