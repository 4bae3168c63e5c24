/** How Teams users invoke Muster: by @mention of the bot, whose name the app package sets (`@Muster`). */
export const TEAMS_PREFIX = '@Muster';
