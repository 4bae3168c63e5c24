import { publishedUpdateView, type Incident, type MusterSettings, type StatusUpdate } from '@muster/core';
import { renderBlocks, type SlackMessage } from '@muster/slack';
import { renderCard, type AdaptiveCard } from '@muster/teams';

/** What card-preview.js (packages/web) reads from a page's data block to draw the two previews. */
export interface UpdatePreviewData {
  /** The Adaptive Card 1.5 a Teams stakeholder channel receives, from the Teams adapter's renderer. */
  readonly teams: AdaptiveCard;
  /** The Block Kit message a Slack stakeholder channel receives, from the Slack adapter's renderer. */
  readonly slack: SlackMessage;
}

/**
 * How an update awaiting approval will look once published: core's published-update view (the one
 * ChatUpdatePublisher posts), rendered by the very renderers the platforms use, so what the approver
 * sees is what stakeholders get, headings and escaping included.
 */
export function updatePreviews(update: StatusUpdate, incident: Incident, settings: Pick<MusterSettings, 'publicUpdateTitle'>): UpdatePreviewData {
  const view = publishedUpdateView(update, incident, settings);
  return { teams: renderCard(view), slack: renderBlocks(view) };
}

