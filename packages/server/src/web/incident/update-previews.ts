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

/**
 * JSON for a `<script type="application/json">` data block. The block's text is raw (HTML entities
 * are not decoded there), so nothing may close it: every `<`, `>` and `&` is written as a \u escape,
 * as are the line separators U+2028/2029. The output then holds no markup at all, whatever the
 * update's text, and JSON.parse gives back the exact strings.
 */
export function jsonForDataBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
