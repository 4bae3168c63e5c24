/** The Graph v1.0 routes of fake-graph.ts: teams' channels, chats, their members and messages, users, groups by mail and their users. */
import { type Route, ServiceError } from './fake-http-server';
import type { FakeTeamsChannel, FakeTeamsChat, FakeTeamsTenant, FakeTeamsUser, Json } from './fake-teams-tenant';

/** What Teams refuses in a channel name (Microsoft's channel naming rules). */
const REFUSED_IN_NAME = /[~#%&*{}+/\\:<>?|'",.]|[\u0000-\u001f]/;
const MAX_PRIVATE_CHANNELS = 30;

export function graphRoutes(tenant: FakeTeamsTenant): Route[] {
  const notFound = (what: string) => new ServiceError(404, 'NotFound', `${what} not found.`);
  const team = (id: string) => { if (id !== tenant.teamId) throw notFound('Team'); };
  const channel = (teamId: string, id: string): FakeTeamsChannel => {
    team(teamId);
    const found = tenant.channels.get(id);
    if (!found || found.deleted) throw notFound('Channel');
    return found;
  };
  const chat = (id: string): FakeTeamsChat => tenant.chats.get(id) ?? (() => { throw notFound('Chat'); })();
  const boundUser = (member: Json): FakeTeamsUser => {
    const id = /users\('([^']+)'\)/.exec(String(member['user@odata.bind'] ?? ''))?.[1];
    const user = id ? tenant.users.get(id) ?? [...tenant.users.values()].find((u) => u.userPrincipalName === id) : undefined;
    if (!user) throw new ServiceError(404, 'NotFound', 'User not found.');
    return user;
  };
  const channelJson = (c: FakeTeamsChannel): Json => ({
    id: c.id, displayName: c.displayName, description: c.description, membershipType: c.membershipType, isArchived: c.archived, createdDateTime: c.createdDateTime,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(c.id)}/${encodeURIComponent(c.displayName)}?groupId=${tenant.teamId}&tenantId=${tenant.tenantId}`,
  });
  const chatJson = (c: FakeTeamsChat): Json => ({ id: c.id, topic: c.topic, chatType: c.chatType, createdDateTime: c.createdDateTime, webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(c.id)}/0?tenantId=${tenant.tenantId}` });
  const userJson = (u: FakeTeamsUser): Json => ({ id: u.id, displayName: u.displayName, mail: u.mail ?? null, userPrincipalName: u.userPrincipalName });
  const page = (items: Json[], query: URLSearchParams) => ({ value: items.slice(0, Number(query.get('$top') ?? '100')) });
  const newestFirst = <T extends { createdDateTime: string; id: string }>(items: T[]) => [...items].sort((a, b) => Number(b.id) - Number(a.id));
  return [
    {
      method: 'POST', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels$/, operation: 'create channel',
      handle: ([teamId], body) => {
        team(teamId!);
        const name = String(body.displayName ?? '');
        if (!name.trim() || [...name].length > 50 || REFUSED_IN_NAME.test(name)) throw new ServiceError(400, 'BadRequest', 'Channel name contains invalid characters or is too long.');
        if (tenant.channelNamed(name)) throw new ServiceError(409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
        if (tenant.channels.size >= tenant.channelLimit) throw new ServiceError(403, 'Forbidden', 'This team has exceeded the Max allowed channels');
        const membershipType = body.membershipType === 'private' ? 'private' : 'standard';
        const members = Array.isArray(body.members) ? (body.members as Json[]) : [];
        if (membershipType === 'private') {
          if (!members.some((m) => Array.isArray(m.roles) && m.roles.includes('owner'))) throw new ServiceError(400, 'BadRequest', 'A private channel created by an application needs an owner.');
          if ([...tenant.channels.values()].filter((c) => c.membershipType === 'private' && !c.deleted).length >= MAX_PRIVATE_CHANNELS) throw new ServiceError(403, 'Forbidden', 'This team has exceeded the Max allowed private channels');
        }
        const created = tenant.addChannel(name, { membershipType, description: String(body.description ?? ''), members: members.map((m) => boundUser(m).id) });
        return { status: 201, body: channelJson(created) };
      },
    },
    { method: 'GET', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels$/, operation: 'list channels', handle: ([teamId]) => { team(teamId!); return { body: { value: [...tenant.channels.values()].filter((c) => !c.deleted).map(channelJson) } }; } },
    { method: 'GET', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)$/, operation: 'get channel', handle: ([t, c]) => ({ body: channelJson(channel(t!, c!)) }) },
    {
      method: 'PATCH', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)$/, operation: 'update channel',
      handle: ([t, c], body) => {
        const found = channel(t!, c!);
        if (typeof body.description === 'string') {
          if (body.description.length > 1024) throw new ServiceError(400, 'BadRequest', 'Description is too long.');
          found.description = body.description;
        }
        return { status: 204 };
      },
    },
    { method: 'POST', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/archive$/, operation: 'archive channel', handle: ([t, c]) => { channel(t!, c!).archived = true; return { status: 202 }; } },
    {
      method: 'POST', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/members$/, operation: 'add channel member',
      handle: ([t, c], body) => {
        const found = channel(t!, c!);
        if (found.membershipType !== 'private') throw new ServiceError(400, 'BadRequest', 'Members can only be added to private or shared channels.');
        const user = boundUser(body);
        if (found.members.has(user.id)) throw new ServiceError(409, 'Conflict', 'The user is already a member.');
        found.members.add(user.id);
        return { status: 201, body: { id: `member-${user.id}`, displayName: user.displayName, userId: user.id } };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages$/, operation: 'list channel messages',
      handle: ([t, c], _b, query) => { channel(t!, c!); return { body: page(newestFirst(tenant.messages.filter((m) => m.container === c && !m.replyToId && !m.deleted)).map((m) => tenant.chatMessageJson(m)), query) }; },
    },
    {
      method: 'GET', pattern: /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages\/([^/]+)\/replies$/, operation: 'list replies',
      handle: ([t, c, root], _b, query) => { channel(t!, c!); return { body: page(newestFirst(tenant.messages.filter((m) => m.container === c && m.replyToId === root && !m.deleted)).map((m) => tenant.chatMessageJson(m)), query) }; },
    },
    {
      method: 'POST', pattern: /^\/v1\.0\/chats$/, operation: 'create chat',
      handle: (_p, body) => {
        const members = Array.isArray(body.members) ? (body.members as Json[]) : [];
        if (body.chatType !== 'group') throw new ServiceError(400, 'BadRequest', 'Only group chats are supported here.');
        if (members.length < 2) throw new ServiceError(400, 'BadRequest', 'A group chat needs at least two members.');
        return { status: 201, body: chatJson(tenant.addChat(String(body.topic ?? ''), members.map((m) => boundUser(m).id))) };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\.0\/users\/([^/]+)\/chats$/, operation: 'list chats',
      handle: ([userId], _b, query) => ({ body: page([...tenant.chats.values()].filter((c) => c.members.has(userId!)).map(chatJson), query) }),
    },
    { method: 'PATCH', pattern: /^\/v1\.0\/chats\/([^/]+)$/, operation: 'update chat', handle: ([id], body) => { chat(id!).topic = String(body.topic ?? ''); return { status: 204 }; } },
    {
      method: 'POST', pattern: /^\/v1\.0\/chats\/([^/]+)\/members$/, operation: 'add chat member',
      handle: ([id], body) => {
        const found = chat(id!);
        const user = boundUser(body);
        if (found.members.has(user.id)) throw new ServiceError(409, 'Conflict', 'The user is already a member.');
        found.members.add(user.id);
        return { status: 201, body: { id: `member-${user.id}`, userId: user.id } };
      },
    },
    {
      method: 'POST', pattern: /^\/v1\.0\/chats\/([^/]+)\/installedApps$/, operation: 'install app in chat',
      handle: ([id], body) => {
        const found = chat(id!);
        const app = /teamsApps\/([^/]+)$/.exec(String(body['teamsApp@odata.bind'] ?? ''))?.[1];
        if (!app) throw new ServiceError(400, 'BadRequest', 'teamsApp@odata.bind is required.');
        if (found.installedApps.has(app)) throw new ServiceError(409, 'Conflict', 'The app is already installed.');
        found.installedApps.add(app);
        return { status: 201 };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\.0\/chats\/([^/]+)\/messages$/, operation: 'list chat messages',
      handle: ([id], _b, query) => { chat(id!); return { body: page(newestFirst(tenant.messages.filter((m) => m.container === id && !m.deleted)).map((m) => tenant.chatMessageJson(m)), query) }; },
    },
    {
      method: 'GET', pattern: /^\/v1\.0\/users\/([^/]+)$/, operation: 'get user',
      handle: ([key]) => {
        const user = tenant.users.get(key!) ?? [...tenant.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key!.toLowerCase());
        if (!user) throw new ServiceError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist.`);
        return { body: userJson(user) };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\.0\/users$/, operation: 'find users',
      handle: (_p, _b, query) => {
        const filter = /^(mail|mailNickname|userPrincipalName) eq '((?:[^']|'')*)'$/.exec(query.get('$filter') ?? '');
        if (!filter) throw new ServiceError(400, 'BadRequest', 'Unsupported filter.');
        const field = filter[1] as 'mail' | 'mailNickname' | 'userPrincipalName';
        const value = filter[2]!.replace(/''/g, "'").toLowerCase();
        return { body: page([...tenant.users.values()].filter((u) => (u[field] ?? '').toLowerCase() === value).map(userJson), query) };
      },
    },
    {
      // learn.microsoft.com/graph/api/group-list: `$filter=mail eq '…'`; the fake supports that filter only.
      method: 'GET', pattern: /^\/v1\.0\/groups$/, operation: 'find groups',
      handle: (_p, _b, query) => {
        const filter = /^mail eq '((?:[^']|'')*)'$/.exec(query.get('$filter') ?? '');
        if (!filter) throw new ServiceError(400, 'BadRequest', 'Unsupported filter.');
        const value = filter[1]!.replace(/''/g, "'").toLowerCase();
        const found = [...tenant.groups.values()].filter((g) => g.mail.toLowerCase() === value);
        return { body: page(found.map((g) => ({ id: g.id, displayName: g.displayName, mail: g.mail })), query) };
      },
    },
    {
      // learn.microsoft.com/graph/api/group-list-members: the cast segment lists only the users.
      method: 'GET', pattern: /^\/v1\.0\/groups\/([^/]+)\/members\/microsoft\.graph\.user$/, operation: 'list group members',
      handle: ([id], _b, query) => {
        const group = tenant.groups.get(id!);
        if (!group) throw new ServiceError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
        return { body: page(group.members.flatMap((m) => { const u = tenant.users.get(m); return u ? [userJson(u)] : []; }), query) };
      },
    },
  ];
}
