import { publishedUpdateView, type Incident, type MusterSettings, type StatusUpdate } from '@muster/core';
import type { SlackMessage } from '@muster/slack';
import type { AdaptiveCard } from '@muster/teams';

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
  // Loaded on the first preview, not at start: each adapter brings its platform's SDK with it.
  /* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on demand inside a render */
  const { renderCard } = require('@muster/teams') as typeof import('@muster/teams');
  const { renderBlocks } = require('@muster/slack') as typeof import('@muster/slack');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { teams: renderCard(view), slack: renderBlocks(view) };
}

