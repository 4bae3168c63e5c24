/**
 * Text as a slug for names on chat platforms (room and channel names): accents folded (`é` → `e`),
 * lowercase, every run of anything but a-z and 0-9 (and `_` when allowed) turned into one `-`, no
 * dashes at either end, at most `maxLength` characters. Empty when nothing usable is left (all emoji,
 * all punctuation): the caller picks its fallback. Each platform adds its own rules on top.
 */
export function slugify(text: string, options: { readonly maxLength: number; readonly underscores?: boolean }): string {
  const disallowed = options.underscores ? /[^a-z0-9_]+/g : /[^a-z0-9]+/g;
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(disallowed, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, options.maxLength)
    .replace(/-+$/, '');
}
