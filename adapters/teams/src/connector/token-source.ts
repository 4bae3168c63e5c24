/**
 * Where the bot's outbound token comes from (the transport implements it over the Agents SDK).
 * `serviceUrl` is passed so a token is only ever minted for a host the caller has already checked.
 * `undefined` means anonymous: allowed only when no app id is configured (local runs, the Playground).
 */
export interface BotTokenSource {
  token(serviceUrl: string): Promise<string | undefined>;
}
