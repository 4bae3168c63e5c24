import { ActionItemRecord } from './action-item.record';
import { AlertGroupRecord } from './alert-group.record';
import { ApiTokenRecord } from './api-token.record';
import { ChatInstallationRecord } from './chat-installation.record';
import { ConversationReferenceRecord } from './conversation-reference.record';
import { InboxRecord } from './inbox.record';
import { IncidentRoleRecord } from './incident-role.record';
import { IncidentRoomRecord } from './incident-room.record';
import { IncidentRecord } from './incident.record';
import { OutboxRecord } from './outbox.record';
import { PluginHealthRecord } from './plugin-health.record';
import { PluginInstallationRecord } from './plugin-installation.record';
import { PluginStorageRecord } from './plugin-storage.record';
import { PostmortemRecord } from './postmortem.record';
import { SequenceRecord } from './sequence.record';
import { ServiceRecord } from './service.record';
import { StatusUpdateRecord } from './status-update.record';
import { SummaryStateRecord } from './summary-state.record';
import { TeamsFileOfferRecord } from './teams-file-offer.record';
import { TimelineEntryRecord } from './timeline-entry.record';
import { WebSessionRecord, WebSignInLinkRecord } from './web-session.record';

export {
  ActionItemRecord, ApiTokenRecord, ChatInstallationRecord, ConversationReferenceRecord, InboxRecord, IncidentRecord, IncidentRoleRecord, IncidentRoomRecord,
  OutboxRecord, PluginInstallationRecord, PostmortemRecord, SequenceRecord, ServiceRecord, StatusUpdateRecord, SummaryStateRecord,
  TeamsFileOfferRecord, TimelineEntryRecord, AlertGroupRecord, PluginStorageRecord, PluginHealthRecord, WebSessionRecord, WebSignInLinkRecord,
};

/** Every record, for the DataSource's `entities`. */
export const RECORDS = [
  IncidentRecord, IncidentRoleRecord, IncidentRoomRecord, TimelineEntryRecord, ActionItemRecord, StatusUpdateRecord, PostmortemRecord,
  ServiceRecord, SummaryStateRecord, InboxRecord, OutboxRecord, SequenceRecord, ApiTokenRecord, ChatInstallationRecord,
  PluginInstallationRecord, ConversationReferenceRecord, TeamsFileOfferRecord, AlertGroupRecord, PluginStorageRecord, PluginHealthRecord,
  WebSessionRecord, WebSignInLinkRecord,
];
