import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listener-deps';
import type { EventEnvelope } from './message-events.listener';
import { slackRoom } from './request-context';

interface ReactionEventLike {
  readonly user?: string;
  readonly reaction?: string;
  readonly item?: { readonly type?: string; readonly channel?: string; readonly ts?: string };
}

interface PinEventLike {
  readonly user?: string;
  readonly channel_id?: string;
  readonly item?: { readonly type?: string; readonly channel?: string; readonly ts?: string; readonly message?: { readonly ts?: string } };
}

/** Slack names reactions without colons, and skin tones as a suffix (`+1::skin-tone-2`). */
const baseReaction = (name: string | undefined): string => (name ?? '').replace(/::skin-tone-\d$/, '').replace(/^:|:$/g, '');

/**
 * Pins and the configured reaction (default :pushpin:) mark a timeline message as a highlight;
 * removing them unmarks it. Slack does not say whether other pins or reactions remain, so the last
 * change wins. Muster's own pin (the incident card) is not a person's highlight.
 */
export function registerHighlightEvents(app: App, deps: ListenerDeps): void {
  const wanted = baseReaction(deps.core.highlightReaction);

  const mark = async (body: unknown, user: string | undefined, channel: string | undefined, ts: string | undefined, on: boolean) => {
    const envelope = body as EventEnvelope;
    const workspaceId = envelope.team_id;
    if (!workspaceId || !channel || !ts) return;
    if (await deps.identity.isSelf(workspaceId, user, envelope.authorizations)) return;
    await deps.core.inbound.captureHighlight(slackRoom(workspaceId, channel), ts, on);
  };

  for (const [type, on] of [['reaction_added', true], ['reaction_removed', false]] as const) {
    app.event(type, async ({ event, body }) => {
      const e = event as unknown as ReactionEventLike;
      if (e.item?.type !== 'message' || baseReaction(e.reaction) !== wanted) return;
      await mark(body, e.user, e.item.channel, e.item.ts, on);
    });
  }
  for (const [type, on] of [['pin_added', true], ['pin_removed', false]] as const) {
    app.event(type, async ({ event, body }) => {
      const e = event as unknown as PinEventLike;
      if (e.item?.type !== 'message') return;
      await mark(body, e.user, e.item.channel ?? e.channel_id, e.item.message?.ts ?? e.item.ts, on);
    });
  }
}
