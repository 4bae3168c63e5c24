// Adaptive Cards 1.5 from core's views, and the submissions that come back from them.
export { renderCard, renderFormCard, type RenderCardOptions, type RenderFormOptions } from './render-card';
export { parseCardSubmission, type CardSubmission } from './card-submission';
export { ACTION_VERB, FORM_VERB, type ActionData, type FormData, type InputKind } from './card-data';
export { cardAttachment, ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, type MentionEntity } from './card-types';
export { cardSize, MAX_CARD_BYTES, TEAMS_MESSAGE_LIMIT_BYTES } from './card-limits';
export { escapeMarkdown, safeLinkUrl } from './teams-markdown';
