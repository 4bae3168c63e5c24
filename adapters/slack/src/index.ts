export { SlackWebClient, DEFAULT_SLACK_API_URL, normaliseSlackApiUrl, slackLoggerFor, type SlackWebClientOptions, type SlackTokenResolver } from './slack-web-client';
export { SlackChatGateway, type SlackChatGatewayOptions } from './slack-chat-gateway';
export { SlackModalsAndPeople, type SlackModalsAndPeopleOptions, type SlackBotIdentity } from './modals-and-people';
export { SlackApiError, translateSlackError, isSlackError, isAmbiguousFailure, redactTokens } from './slack-errors';
export { type InviteOutcome } from './invite';
export { POST_EVENT_TYPE } from './idempotent-poster';
export { MAX_CHANNEL_NAME_ATTEMPTS } from './room-creator';
export { channelNameFrom, channelNameWithSuffix } from './channel-name';
export {
  slackManifest,
  validatePublicUrl,
  type SlackAppManifest,
  type SlackManifestOptions,
  SLACK_BOT_SCOPES,
  SLACK_BOT_EVENTS,
  SLACK_COMMAND,
  SLACK_EVENTS_PATH,
  SLACK_OAUTH_REDIRECT_PATH,
  DECLARE_SHORTCUT_CALLBACK_ID,
  TIMELINE_SHORTCUT_CALLBACK_ID,
} from './manifest';
export { renderBlocks, type SlackMessage } from './render/render-blocks';
export { renderModal } from './render/render-modal';
export { readModalValues, type ModalState, type ModalStateValue, type ModalValue } from './render/read-modal-values';
export { INPUT_ACTION_IDS } from './render/input-elements';
export { actionIdOf } from './render/button-elements';
export { escapeMrkdwn, renderMrkdwn, safeLinkUrl } from './render/mrkdwn';
export * from './render/slack-limits';
export { SlackDirectory } from './slack-directory';
export { createSlackBoltApp, type SlackBoltApp, type SlackBoltAppOptions } from './bolt/slack-bolt-app';
export { type SlackCore } from './bolt/listener-deps';
export { neutralMentions } from './slack-mentions';
export { SlackInstallations, type SlackInstallationStore } from './bolt/installation-store';
export { SLACK_INSTALL_PATH } from './bolt/receivers';
export { ModalEnvelope, type ModalOrigin } from './bolt/modal-envelope';
