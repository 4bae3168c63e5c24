import type { TimelineEntry } from '@muster/core';

/** A timeline entry as a reader compares two platforms' records: what happened, who did it, what it said. */
export interface ComparableEntry {
  readonly kind: string;
  readonly actor?: string;
  readonly highlighted: boolean;
  readonly text: string;
}

/**
 * What may differ between platforms and runs, and only that: the platform's ids in mention tokens
 * (`<@slack:U0CLEO|cleo>`, `<@teams:<AAD id>|cleo>` → `<@person|cleo>`), the platform a room is on,
 * links, clock times (with the day in front of them: texts name the day of a time that is not today,
 * so two runs either side of midnight differ there) and durations. A token without a name keeps its
 * id, so a lost name shows.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/<@(?:slack|teams):[^|>]+\|([^>]*)>/gu, '<@person|$1>')
    .replace(/\b(Room opened on) (slack|teams)\b/gu, '$1 <platform>')
    .replace(/https?:\/\/[^\s)>|]+/gu, '<url>')
    .replace(/\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?/gu, '<time>')
    .replace(/\b\d{2}:\d{2} UTC\b/gu, '<hh:mm> UTC')
    .replace(/\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?=<hh:mm> UTC)/gu, '')
    .replace(/\b\d+[dhms](?: \d+[dhms])*\b/gu, '<duration>');
}

export function comparableTimeline(entries: readonly TimelineEntry[]): ComparableEntry[] {
  return entries.map((e) => ({
    kind: e.kind,
    ...(e.actor ? { actor: e.actor.name ?? `<unnamed ${e.actor.platform} person>` } : {}),
    highlighted: e.highlighted === true,
    text: normaliseText(e.text),
  }));
}
