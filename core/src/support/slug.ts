export interface SlugOptions {
  /** Longest slug, in characters; a dash left at the cut is dropped. */
  readonly maxLength: number;
  /** Keep `_` as typed (Slack and the console allow it in names). */
  readonly underscores?: boolean;
  /** Keep dashes the text already has, runs included (`ops--alerts` stays); only other characters become one `-`. */
  readonly dashRuns?: boolean;
}

/**
 * Text as a slug for names on chat platforms (room and channel names): accents folded (`é` → `e`),
 * lowercase, every run of anything but a-z and 0-9 (and what the options keep) turned into one `-`,
 * no dashes at either end, at most `maxLength` characters. Empty when nothing usable is left (all
 * emoji, all punctuation): the caller picks its fallback. Each platform adds its own rules on top.
 */
export function slugify(text: string, options: SlugOptions): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(disallowed(options), '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, options.maxLength)
    .replace(/-+$/, '');
}

function disallowed(options: SlugOptions): RegExp {
  const kept = `${options.underscores ? '_' : ''}${options.dashRuns ? '-' : ''}`;
  return new RegExp(`[^a-z0-9${kept}]+`, 'g');
}
