import type { ServiceContact, TenantDefinition, ChatPlatform, RoomPlacement, ConversationRef, PermissionPolicy, ReminderSettings, RoleDefinition, SeverityLevel } from '@muster/core';

import type { StatusPageSettings } from './status-page-section';

export type ChannelRef = Omit<ConversationRef, 'name' | 'url'>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `server:` in muster.yaml: process settings that environment variables override. */
export interface FileServerSection {
  readonly port?: number;
  readonly publicUrl?: string;
  readonly logLevel?: LogLevel;
  readonly autoMigrate?: boolean;
  readonly console?: boolean;
}

export const LLM_TASKS = ['catch_up', 'status_update', 'postmortem_narrative', 'digest'] as const;
export type LlmTask = (typeof LLM_TASKS)[number];

/** `llm:` in muster.yaml. The endpoint and key come from the environment only (secrets stay out of files). */
export interface FileLlmSection {
  readonly model?: string;
  readonly models?: Partial<Record<LlmTask, string>>;
  readonly timeoutMs?: number;
  readonly deadlineMs?: number;
  readonly maxRetries?: number;
  readonly temperature?: number;
  readonly budgets?: {
    readonly contextTokens?: number;
    readonly chunkTokens?: number;
    readonly factsTokens?: number;
    readonly entryTokens?: number;
  };
}

/**
 * `plugins.<id>:` in muster.yaml. `config` is checked by the plugin's own schema when the host loads
 * it (problems are reported as `plugins.<id>.config.<key>`); secrets never go here (MUSTER_PLUGIN_<ID>_<NAME>).
 */
export interface FilePluginEntry {
  readonly enabled: boolean;
  /** The npm package or path to load; default: the bundled `@muster/plugin-<id>`. */
  readonly package?: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** `services.<name>:` in muster.yaml (services-section.ts), after validation. */
export interface FileServiceEntry {
  readonly description: string;
  readonly owners: readonly ServiceContact[];
  readonly smes: readonly ServiceContact[];
  /** An untitled link is named after its service when the catalogue is built. */
  readonly runbooks: readonly { readonly title?: string; readonly url: string }[];
  readonly runbookFile?: string;
  readonly integrations: Readonly<Record<string, string>>;
  readonly public: boolean;
  /** Default: the home tenant (that of homePlatform/homeWorkspaceId), else `default`. */
  readonly tenant?: string;
}

/** What muster.yaml may say, after validation. Everything is optional: the file itself is optional. */
export interface FileConfig {
  readonly server: FileServerSection;
  readonly severities?: readonly SeverityLevel[];
  readonly roles?: readonly RoleDefinition[];
  readonly permissions?: Partial<PermissionPolicy>;
  readonly roomNamePattern?: string;
  readonly announcementChannels?: readonly ChannelRef[];
  readonly stakeholderChannels?: { readonly internal: readonly ChannelRef[]; readonly external: readonly ChannelRef[] };
  readonly declarerTakesCommand?: boolean;
  readonly highlightReaction?: string;
  readonly summarizePrivateIncidents?: boolean;
  readonly homePlatform?: ChatPlatform;
  readonly homeWorkspaceId?: string;
  readonly roomPlacement?: RoomPlacement;
  readonly tenants?: readonly TenantDefinition[];
  readonly admins?: readonly string[];
  readonly llm: FileLlmSection;
  readonly plugins?: Readonly<Record<string, FilePluginEntry>>;
  readonly services?: Readonly<Record<string, FileServiceEntry>>;
  /** A key left out keeps its default; `reminders: false` in the file reads as every one off (reminders-section.ts). */
  readonly reminders?: Partial<ReminderSettings>;
  /** `workflows:`, each rule read (and its problems named) by workflows-section.ts when the settings are built. */
  readonly workflows?: readonly unknown[];
  /** `statusPage:` (status-page-section.ts): the public page's title, intro and tenant. */
  readonly statusPage?: StatusPageSettings;
}
