import { type CreateRoom, MusterError, type PersonRef } from '@muster/core';

/** Where a public incident's room opens: a channel of its own (Graph) or a thread in one incidents channel. */
export type PublicRoomKind = 'channel' | 'thread';
/** Where a private incident's room opens: a group chat of its responders, or a private channel. */
export type PrivateRoomKind = 'groupChat' | 'privateChannel';
export type RoomKind = PublicRoomKind | PrivateRoomKind;

export interface TeamsRoomSettings {
  /** `TEAMS_INCIDENTS_TEAM_ID`: the team incident channels are made in (a team's id is its group id). */
  readonly incidentsTeamId?: string;
  /** `TEAMS_INCIDENTS_CHANNEL_ID`: the channel incident threads open in. */
  readonly incidentsChannelId?: string;
  /** Default: `channel` when Graph and the incidents team are configured, else `thread`. */
  readonly publicRooms?: PublicRoomKind;
  /** Default: `groupChat` (needs `teamsAppId` and two responders on Teams), else `privateChannel`. */
  readonly privateRooms?: PrivateRoomKind;
  /** The app's id in the tenant's app catalog, to add Muster to the group chats it makes. */
  readonly teamsAppId?: string;
}

/**
 * The channel a thread room opens in: the channel the incident was declared in, when it was declared in
 * a channel (a Teams channel id ends in `@thread.tacv2`, or `@thread.skype` for old teams; a reply's
 * conversation id adds `;messageid=…`), else the configured incidents channel.
 */
export function threadChannelFor(request: CreateRoom, settings: TeamsRoomSettings): string | undefined {
  const declaredIn = request.requestedIn?.conversationId.split(';')[0];
  return declaredIn && /@thread\.(?:tacv2|skype)$/u.test(declaredIn) ? declaredIn : settings.incidentsChannelId;
}

/** The people Teams can put in a room: Teams people only, each once, the declarer first as given. */
export function teamsMembers(request: CreateRoom): PersonRef[] {
  const byId = new Map<string, PersonRef>();
  for (const person of request.members ?? []) if (person.platform === 'teams' && !byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()];
}

/**
 * Which kind of room a request gets. A private incident never opens where others could read it:
 * a thread in the shared incidents channel would show it to everyone there, so without Graph (no
 * group chat, no private channel) it is refused with what to configure.
 */
export function roomKindFor(request: CreateRoom, settings: TeamsRoomSettings, hasGraph: boolean): RoomKind {
  if (request.private) {
    if (!hasGraph) {
      throw new MusterError('configuration', 'A private incident on Teams needs its own private room, which takes Microsoft Graph (a group chat or a private channel). Configure Graph for Teams; a thread in the incidents channel would show it to everyone there.');
    }
    const members = teamsMembers(request);
    const chatPossible = !!settings.teamsAppId && members.length >= 2;
    const channelPossible = !!settings.incidentsTeamId && members.length >= 1;
    const wanted = settings.privateRooms ?? 'groupChat';
    if (wanted === 'groupChat' && chatPossible) return 'groupChat';
    if (channelPossible) return 'privateChannel';
    if (chatPossible) return 'groupChat';
    throw new MusterError('configuration', 'Muster cannot open a private room on Teams for this incident: a private channel needs TEAMS_INCIDENTS_TEAM_ID and someone on Teams to own it; a group chat needs the app\'s catalog id and two responders on Teams.');
  }
  const wanted = settings.publicRooms ?? (hasGraph && settings.incidentsTeamId ? 'channel' : 'thread');
  if (wanted === 'channel' && !(hasGraph && settings.incidentsTeamId)) {
    throw new MusterError('configuration', 'Incident channels on Teams need Microsoft Graph and TEAMS_INCIDENTS_TEAM_ID; set them, or use threads (TEAMS_INCIDENTS_CHANNEL_ID).');
  }
  if (wanted === 'thread' && !threadChannelFor(request, settings)) {
    throw new MusterError('configuration', 'Incident threads on Teams open in the channel the incident was declared in, or in one incidents channel for declarations from elsewhere: set TEAMS_INCIDENTS_CHANNEL_ID (the channel\'s id, 19:…@thread.tacv2).');
  }
  return wanted;
}
