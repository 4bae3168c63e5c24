import { DEFAULT_REMINDERS, type ReminderSettings } from '@muster/core';
import { z } from 'zod';
import { flag, settings, wholeNumber } from './schema-kit';

/** A number of minutes or days, or `false` for "never" (read as 0, which means the same). */
const offOr = (max: number, unit: string) => z.union([z.literal(false).transform(() => 0), wholeNumber(0, max)], {
  error: `must be a whole number of ${unit} from 0 to ${max}, or false to switch it off`,
});

/**
 * `reminders:` in muster.yaml: which reminders Muster posts in incident rooms. Every key is optional
 * (the defaults are on); `false` or `0` switches one off, and `reminders: false` all of them.
 */
export const REMINDERS_SECTION: z.ZodType<Partial<ReminderSettings> | false> = z.union([
  z.literal(false),
  settings({
    updates: flag().optional(),
    commanderVacantMinutes: offOr(24 * 60, 'minutes').optional(),
    actionItemsOverdue: flag().optional(),
    postmortemAfterDays: offOr(365, 'days').optional(),
  }, 'must be a mapping of updates, commanderVacantMinutes, actionItemsOverdue and postmortemAfterDays, or false'),
]);

/** The reminders as core reads them: the file's choices over the defaults. */
export function reminderSettings(section: Partial<ReminderSettings> | false | undefined): ReminderSettings {
  if (section === false) return { updates: false, commanderVacantMinutes: 0, actionItemsOverdue: false, postmortemAfterDays: 0 };
  return { ...DEFAULT_REMINDERS, ...section };
}
