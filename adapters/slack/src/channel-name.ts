import { MAX_CHANNEL_NAME } from './render/slack-limits';

/** Used when nothing usable is left of the wanted name (all emoji, all punctuation). */
const FALLBACK_NAME = 'incident';

/**
 * A valid Slack channel name close to what was asked for: lowercase, accents folded (`é` → `e`), every
 * run of anything but a-z 0-9 - _ turned into one `-`, no dashes at either end, at most 80 characters,
 * never empty.
 */
export function channelNameFrom(wanted: string): string {
  const folded = wanted.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const cleaned = folded
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = cleaned.slice(0, MAX_CHANNEL_NAME).replace(/-+$/, '');
  return cut === '' || /^[-_]+$/.test(cut) ? FALLBACK_NAME : cut;
}

/** The n-th alternative to a taken name (`inc-42-db`, then `inc-42-db-2`…), still at most 80 characters. */
export function channelNameWithSuffix(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  const stem = base.slice(0, MAX_CHANNEL_NAME - suffix.length).replace(/-+$/, '');
  return `${stem === '' ? FALLBACK_NAME : stem}${suffix}`;
}
