/**
 * Where the bot's outbound Bot Connector token comes from. `undefined` means anonymous, which is only
 * allowed when no app id is configured (local runs against the Agents Playground).
 */
export interface BotTokenSource {
  token(serviceUrl: string): Promise<string | undefined>;
}
