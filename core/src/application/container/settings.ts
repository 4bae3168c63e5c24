import { RoleCatalog } from '../../domain/roles';
import { SeverityCatalog } from '../../domain/severity';
import type { ChatPlatform, ConversationRef } from '../../domain/person';
import { TenantMap } from '../../domain/tenancy';
import type { WorkflowRule } from '../../domain/workflow';

/** What an installation configures about its process. The server builds this from env and muster.yaml. */
export interface MusterSettings {
  readonly severities: SeverityCatalog;
  readonly roles: RoleCatalog;
  /** Room name pattern; `{number}` and `{slug}` are replaced: `inc-{number}-{slug}`. */
  readonly roomNamePattern: string;
  /** Where new incidents are announced, per platform. */
  readonly announcementChannels: readonly Omit<ConversationRef, 'name' | 'url'>[];
  /** Heading of external updates instead of "Service update" (e.g. "Acme status"); never the internal title. */
  readonly publicUpdateTitle?: string;
  /** Where approved stakeholder updates are published, by audience. */
  readonly stakeholderChannels: { readonly internal: readonly Omit<ConversationRef, 'name' | 'url'>[]; readonly external: readonly Omit<ConversationRef, 'name' | 'url'>[] };
  /** The declarer becomes Incident Commander when a person declares. */
  readonly declarerTakesCommand: boolean;
  /** The reaction that marks a message as a highlight (without colons). */
  readonly highlightReaction: string;
  /** Whether private incidents may be sent to the LLM. */
  readonly summarizePrivateIncidents: boolean;
  /** Where rooms open for incidents declared outside chat (API, alerts): a platform and its workspace/team id. */
  readonly homePlatform?: ChatPlatform;
  readonly homeWorkspaceId?: string;
  /**
   * Where a chat declaration's room opens: `declared` (where it was declared; the default), `home` (always
   * on the home platform, e.g. declared in Teams, worked in Slack), or `both` (a room on each, one incident).
   * API and alert declarations always open at home.
   */
  readonly roomPlacement: RoomPlacement;
  /** Which organization each chat workspace belongs to. */
  readonly tenants: TenantMap;
  /**
   * People who may see and act on every incident of their tenant, private ones included, as person keys
   * (`slack:U123`, `teams:<aad id>`, `console:@root`). API tokens are administrators of their tenant.
   */
  readonly admins: readonly string[];
  /** Public base URL, for links back to the dashboard. */
  readonly publicUrl?: string;
  /** Which reminders Muster posts in incident rooms (outbox/reminders); each can be switched off. */
  readonly reminders: ReminderSettings;
  /** Incident process that runs itself (muster.yaml `workflows:`); none when left out. */
  readonly workflows?: readonly WorkflowRule[];
}

/** `reminders:` in muster.yaml. `false` or `0` switches one off. */
export interface ReminderSettings {
  /** Remind the Communications Lead when a status update is overdue by the severity's updateCadenceMinutes. */
  readonly updates: boolean;
  /** Minutes without an Incident Commander after declaration before the room is reminded; 0 = never. */
  readonly commanderVacantMinutes: number;
  /** Remind a follow-up's owner once it is past its due date, then every 24 hours while it is open. */
  readonly actionItemsOverdue: boolean;
  /** Days after resolution before the Incident Commander is nudged about an unreviewed postmortem; 0 = never. */
  readonly postmortemAfterDays: number;
}

export const DEFAULT_REMINDERS: ReminderSettings = { updates: true, commanderVacantMinutes: 10, actionItemsOverdue: true, postmortemAfterDays: 2 };

export const ROOM_PLACEMENTS = ['declared', 'home', 'both'] as const;
export type RoomPlacement = (typeof ROOM_PLACEMENTS)[number];

export function defaultSettings(overrides: Partial<MusterSettings> = {}): MusterSettings {
  return {
    severities: new SeverityCatalog(),
    roles: new RoleCatalog(),
    roomNamePattern: 'inc-{number}-{slug}',
    announcementChannels: [],
    stakeholderChannels: { internal: [], external: [] },
    declarerTakesCommand: true,
    roomPlacement: 'declared',
    highlightReaction: 'pushpin',
    summarizePrivateIncidents: false,
    tenants: new TenantMap(),
    admins: [],
    reminders: DEFAULT_REMINDERS,
    ...overrides,
  };
}
