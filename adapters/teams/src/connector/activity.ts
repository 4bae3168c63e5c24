/**
 * The parts of the Bot Framework v3 wire format Muster sends and reads (Bot Connector REST API
 * reference: Activity, ConversationParameters, ResourceResponse, TeamsChannelAccount).
 */
export interface Attachment {
  readonly contentType: string;
  readonly content?: unknown;
  readonly contentUrl?: string;
  readonly name?: string;
}

export interface OutgoingActivity {
  readonly type: 'message';
  readonly text?: string;
  readonly textFormat?: 'markdown' | 'plain' | 'xml';
  /** Shown where the card cannot be (notifications, the activity feed). */
  readonly summary?: string;
  readonly attachments?: readonly Attachment[];
  readonly entities?: readonly unknown[];
  readonly channelData?: Readonly<Record<string, unknown>>;
}

export interface ChannelAccount {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
}

export interface TeamsChannelAccount extends ChannelAccount {
  readonly email?: string;
  readonly userPrincipalName?: string;
  readonly tenantId?: string;
  readonly userRole?: string;
}

export interface ConversationParameters {
  readonly isGroup: boolean;
  readonly bot?: ChannelAccount;
  readonly members?: readonly ChannelAccount[];
  readonly tenantId?: string;
  readonly topicName?: string;
  readonly activity?: OutgoingActivity;
  readonly channelData?: Readonly<Record<string, unknown>>;
}

export interface ConversationResourceResponse {
  readonly id: string;
  readonly activityId?: string;
  readonly serviceUrl?: string;
}

export interface ResourceResponse {
  readonly id: string;
}
