/** Slack reaction names Muster's setting may use, and the emoji Teams sends for them. */
const EMOJI: Readonly<Record<string, string>> = {
  pushpin: '📌', round_pushpin: '📍', star: '⭐', bookmark: '🔖', memo: '📝', heavy_check_mark: '✔️', white_check_mark: '✅', eyes: '👀',
};

/**
 * The Teams reaction types that count as the highlight, from the Slack-named `highlightReaction`
 * setting (default `pushpin`). Teams names its six classic reactions in words (`like`, `heart`, …)
 * and newer emoji reactions by the emoji itself or as `<code point>_<name>` (`1f4cc_pushpin`); all of
 * these forms count, compared case-insensitively. A setting of `like` or `heart` picks a classic one.
 */
export function highlightReactionTypes(setting: string): ReadonlySet<string> {
  const name = setting.trim().replace(/^:|:$/gu, '').toLowerCase();
  const emoji = EMOJI[name];
  return new Set([name, ...(emoji ? [emoji, codePointName(emoji, name)] : [])]);
}

export function isHighlight(types: ReadonlySet<string>, reactionType: string): boolean {
  const type = reactionType.trim().toLowerCase();
  if (types.has(type)) return true;
  const named = /^[0-9a-f]{4,6}(?:-[0-9a-f]{4,6})*_(.+)$/u.exec(type);
  return !!named && types.has(named[1] as string);
}

const codePointName = (emoji: string, name: string): string =>
  `${[...emoji].map((c) => c.codePointAt(0)!.toString(16)).filter((h) => h !== 'fe0f').join('-')}_${name}`;
