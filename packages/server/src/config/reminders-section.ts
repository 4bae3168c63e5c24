import { DEFAULT_REMINDERS, type ReminderSettings } from '@muster/core';
import { z } from 'zod';
import { flag, settings } from './schema-kit';

/** A number of minutes or days, or `false` for "never" (read as 0, which means the same). */
const offOr = (max: number, unit: string) => z.preprocess((v) => (v === false ? 0 : v), z.int({
  error: `must be a whole number of ${unit} from 0 to ${max}, or false to switch it off`,
}).min(0).max(max));

const ALL_OFF: ReminderSettings = { updates: false, commanderVacantMinutes: 0, actionItemsOverdue: false, postmortemAfterDays: 0 };

/**
 * `reminders:` in muster.yaml: which reminders Muster posts in incident rooms. Every key is optional
 * (the defaults are on); `false` or `0` switches one off, and `reminders: false` all of them.
 */
export const REMINDERS_SECTION: z.ZodType<Partial<ReminderSettings>> = z.preprocess((v) => (v === false ? ALL_OFF : v),
  settings({
    updates: flag().optional(),
    commanderVacantMinutes: offOr(24 * 60, 'minutes').optional(),
    actionItemsOverdue: flag().optional(),
    postmortemAfterDays: offOr(365, 'days').optional(),
  }, 'must be a mapping of updates, commanderVacantMinutes, actionItemsOverdue and postmortemAfterDays, or false'));

/** The reminders as core reads them: the file's choices over the defaults. */
export function reminderSettings(section: Partial<ReminderSettings> | undefined): ReminderSettings {
  return { ...DEFAULT_REMINDERS, ...section };
}
