import { z } from 'zod';
import { channelRef, enterpriseRef, label, messageText, opaque, safeRecord, slackId, slackMessage, slackTs, teamRef, url, userRef } from './inbound-fields.schema';

/**
 * Slash commands (form fields) and interactivity payloads (`payload=<json>`) Muster has listeners
 * for. Form fields are strings; a repeated field arrives as an array and is refused like any other
 * wrong type.
 */
export const slashCommand = z.object({
  command: label,
  team_id: slackId,
  user_id: slackId,
  channel_id: slackId,
  text: messageText.optional(),
  response_url: url,
  trigger_id: opaque.optional(),
  user_name: label.optional(),
  channel_name: label.optional(),
  enterprise_id: slackId.optional(),
  is_enterprise_install: z.enum(['true', 'false']).optional(),
});

/** Who clicked, typed or submitted; the workspace is `team.id`, or `user.team_id` under org-wide installs. */
const interactionBase = {
  user: userRef,
  team: teamRef.nullish(),
  enterprise: enterpriseRef,
  is_enterprise_install: z.boolean().optional(),
  api_app_id: slackId.optional(),
};
const hasWorkspace = (p: { team?: { id: string } | null; user: { team_id?: string } }) => !!(p.team?.id ?? p.user.team_id);
const workspaceIssue = { message: 'no workspace (team.id or user.team_id)', path: ['team'] };

const blockAction = z.object({
  type: label,
  action_id: label.min(1),
  block_id: label.optional(),
  value: z.string().max(2_000).optional(),
  action_ts: slackTs.optional(),
});

export const blockActions = z.object({
  type: z.literal('block_actions'),
  ...interactionBase,
  trigger_id: opaque,
  actions: z.array(blockAction).min(1).max(25),
  channel: channelRef.optional(),
  response_url: url.optional(),
}).refine(hasWorkspace, workspaceIssue);

const stateValue = z.object({
  type: label,
  value: z.string().max(40_000).nullish(),
  selected_option: z.object({ value: z.string().max(2_000) }).nullish(),
  selected_options: z.array(z.object({ value: z.string().max(2_000) })).max(100).optional(),
  selected_user: slackId.nullish(),
});

export const viewSubmission = z.object({
  type: z.literal('view_submission'),
  ...interactionBase,
  trigger_id: opaque.optional(),
  view: z.object({
    id: opaque,
    callback_id: label.min(1),
    team_id: slackId.optional(),
    app_installed_team_id: slackId.optional(),
    private_metadata: z.string().max(3_000).optional(),
    state: z.object({ values: safeRecord(safeRecord(stateValue)) }),
  }),
}).refine((p) => hasWorkspace(p) || !!p.view.team_id, workspaceIssue);

export const globalShortcut = z.object({
  type: z.literal('shortcut'),
  ...interactionBase,
  callback_id: label,
  trigger_id: opaque,
}).refine(hasWorkspace, workspaceIssue);

export const messageShortcut = z.object({
  type: z.literal('message_action'),
  ...interactionBase,
  callback_id: label,
  trigger_id: opaque,
  channel: channelRef,
  message_ts: slackTs,
  message: slackMessage,
  response_url: url,
}).refine(hasWorkspace, workspaceIssue);
