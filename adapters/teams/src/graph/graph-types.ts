/** The parts of Microsoft Graph's Teams resources Muster reads (channel, chat, chatMessage, user). */
export interface GraphChannel {
  readonly id: string;
  readonly displayName?: string;
  readonly description?: string | null;
  readonly webUrl?: string | null;
  readonly membershipType?: 'standard' | 'private' | 'shared' | null;
  readonly isArchived?: boolean | null;
}

export interface GraphChat {
  readonly id: string;
  readonly topic?: string | null;
  readonly chatType?: 'oneOnOne' | 'group' | 'meeting';
  readonly webUrl?: string | null;
}

export interface GraphMessage {
  readonly id: string;
  readonly createdDateTime?: string;
  readonly from?: { readonly application?: { readonly id?: string } | null; readonly user?: { readonly id?: string } | null } | null;
  readonly body?: { readonly content?: string };
  readonly attachments?: readonly { readonly contentType?: string; readonly content?: string | null }[];
}

/** A Microsoft Entra group (`GET /groups?$filter=mail eq '…'`). */
export interface GraphGroup {
  readonly id: string;
  readonly displayName?: string | null;
  readonly mail?: string | null;
}

export interface GraphUser {
  readonly id: string;
  readonly displayName?: string | null;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
}
