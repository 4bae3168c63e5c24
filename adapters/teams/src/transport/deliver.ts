import { deliverReply, type CommandReply, type Logger, type ReplySurface } from '@muster/core';

/**
 * Core's reply delivery on the Teams surface, inside the turn: an invoke's answer is what the surface
 * collected, so it must be complete before the turn answers. Parts that could not be delivered even
 * through core's fallbacks are logged (without their content) and the turn still answers.
 */
export async function deliverInTurn(reply: CommandReply, surface: ReplySurface, logger: Logger, prefix: string): Promise<void> {
  const failures = await deliverReply(reply, surface, { prefix });
  for (const failure of failures) {
    logger.warn('Teams: part of a reply could not be delivered', { part: failure.part, error: failure.error instanceof Error ? failure.error.message : String(failure.error) });
  }
}
