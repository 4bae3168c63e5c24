/**
 * The mock tenant the Agents Playground emulates: who the bot is, who the signed-in user is, the five
 * other people, and the conversations (personal chat, one group chat, one team with General and one
 * more channel). The Playground reads it from a YAML file (`M365_AGENTS_PLAYGROUND_CONFIG_PATH`, schema
 * 0.1.1); JSON is YAML, so we write JSON.
 *
 * Why our own instead of the Playground's built-in one: its built-in ids are not GUIDs
 * (`00000000-0000-0000-0000-0000000000001`), while Teams ids are, and Muster keys people by their AAD
 * object id and tenants by their tenant id; and its personal chat id changes on every start.
 */
export interface PlaygroundPerson {
  /** The Bot Framework account id (`29:…`), what `from.id` carries. */
  readonly id: string;
  readonly name: string;
  /** The Entra (AAD) object id, a GUID: what Muster keys a Teams person by. */
  readonly aadObjectId: string;
  readonly email: string;
}

export interface PlaygroundTenant {
  readonly tenantId: string;
  /** The bot's account (`28:…` in Teams); messages that @mention it reach the bot. */
  readonly bot: { readonly id: string; readonly name: string };
  /** The person every message is sent as: the Playground always sends user messages as this user. */
  readonly me: PlaygroundPerson;
  /** Exactly five other people (the schema's rule); all are in the group chat and the team. */
  readonly others: readonly PlaygroundPerson[];
  readonly personalChatId: string;
  readonly groupChat: { readonly id: string; readonly name: string };
  /** The General channel's id is the team id, as in Teams. */
  readonly team: { readonly id: string; readonly name: string; readonly aadGroupId: string; readonly channel: { readonly id: string; readonly name: string } };
}

const person = (n: number, name: string): PlaygroundPerson => {
  const [given] = name.split(' ');
  return { id: `29:playground-user-${n}`, name, aadObjectId: `6a1f0c2e-4b7d-4c55-9e11-0000000000${20 + n}`, email: `${given!.toLowerCase()}@contoso.example` };
};

export const DEFAULT_TENANT: PlaygroundTenant = {
  tenantId: '3c6b1f7e-8d2a-4e59-b0c4-9a7e5d1f2b60',
  bot: { id: '28:0d9e3f1a-5b6c-4d7e-8f90-a1b2c3d4e5f6', name: 'Test Bot' },
  me: person(0, 'Alex Wilber'),
  others: [person(1, 'Megan Bowen'), person(2, 'Adele Vance'), person(3, 'Isaiah Langer'), person(4, 'Patti Fernandez'), person(5, 'Lynne Robbins')],
  personalChatId: 'a:1playground-personal-chat',
  groupChat: { id: '19:playground-group-chat@thread.v2', name: 'Group Chat' },
  team: {
    id: '19:playground-general@thread.tacv2',
    name: 'Incident Response',
    aadGroupId: '5e2d8c1b-7a4f-4b3e-9d60-c1f2e3a4b5c6',
    channel: { id: '19:playground-incidents@thread.tacv2', name: 'Incidents' },
  },
};

/** The config file the Playground loads (its schema names the principal `userPrincipleName`, sic). */
export function playgroundConfigFile(tenant: PlaygroundTenant): string {
  const user = (p: PlaygroundPerson) => {
    const [givenName = p.name, ...rest] = p.name.split(' ');
    return { id: p.id, name: p.name, userPrincipleName: p.email, aadObjectId: p.aadObjectId, givenName, surname: rest.join(' ') || givenName, email: p.email };
  };
  if (tenant.others.length !== 5) throw new RangeError(`The Agents Playground needs exactly five other users (got ${tenant.others.length}).`);
  return JSON.stringify({
    version: '0.1.1',
    tenantId: tenant.tenantId,
    bot: tenant.bot,
    currentUser: user(tenant.me),
    users: tenant.others.map(user),
    personalChat: { id: tenant.personalChatId },
    groupChat: tenant.groupChat,
    team: { id: tenant.team.id, name: tenant.team.name, aadGroupId: tenant.team.aadGroupId, channels: [tenant.team.channel] },
  }, null, 2);
}

/** Everyone the tenant knows by display name: the bot and all users, for `<at>Name</at>` mentions. */
export function accountsByName(tenant: PlaygroundTenant): ReadonlyMap<string, string> {
  return new Map([[tenant.bot.name, tenant.bot.id], ...[tenant.me, ...tenant.others].map((p) => [p.name, p.id] as const)]);
}
