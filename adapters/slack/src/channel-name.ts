import { slugify } from '@muster/core';
import { MAX_CHANNEL_NAME } from './render/slack-limits';

/** Used when nothing usable is left of the wanted name (all emoji, all punctuation). */
const FALLBACK_NAME = 'incident';

/**
 * A valid Slack channel name close to what was asked for: core's slug (lowercase, accents folded,
 * runs of anything but a-z 0-9 _ as one `-`) with underscores kept, at most 80 characters, never empty.
 */
export function channelNameFrom(wanted: string): string {
  const cut = slugify(wanted, { maxLength: MAX_CHANNEL_NAME, underscores: true });
  return cut === '' || /^[-_]+$/.test(cut) ? FALLBACK_NAME : cut;
}

/** The n-th alternative to a taken name (`inc-42-db`, then `inc-42-db-2`…), still at most 80 characters. */
export function channelNameWithSuffix(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  const stem = base.slice(0, MAX_CHANNEL_NAME - suffix.length).replace(/-+$/, '');
  return `${stem === '' ? FALLBACK_NAME : stem}${suffix}`;
}
