import { MusterError } from '@muster/core';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { BoundedCache } from '@muster/core';
import type { SlackTokenResolver } from '../slack-web-client';

/**
 * Where OAuth installations live, implemented by the server over its database. The adapter hands over
 * each installation as JSON text and never sees how it is stored; the server seals it (it holds the
 * bot token) before it reaches the database.
 */
export interface SlackInstallationStore {
  save(workspaceId: string, installationJson: string): Promise<void>;
  /** The live installation of a workspace, or undefined (never installed, or removed). */
  find(workspaceId: string): Promise<string | undefined>;
  /** The workspace uninstalled Muster or revoked its token: stop using it. */
  remove(workspaceId: string): Promise<void>;
}

export interface InstallationRemover {
  remove(workspaceId: string): Promise<void>;
}

/** Installs are per workspace; an org-wide (Enterprise Grid) install is keyed by its enterprise id. */
const keyOf = (query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string | undefined =>
  query.isEnterpriseInstall ? query.enterpriseId : query.teamId;

/**
 * Per instance: after a reinstall or uninstall on another instance, this one may use the old token for up
 * to this long; Slack refuses it (`token_revoked`, `invalid_auth`), which is `unavailable`, so the outbox
 * retries and the next try reads the new one. Requests are authorised from the store, never this cache.
 */
const TOKEN_CACHE_MS = 60_000;

/**
 * One view of the installations for everything that needs them: Bolt's InstallationStore (OAuth
 * callback, authorising each request) and the gateway's token resolver. Tokens are cached a minute,
 * and forgotten at once when a workspace removes Muster.
 */
export class SlackInstallations implements InstallationStore, InstallationRemover {
  private readonly tokens = new BoundedCache<string, string>(5000, TOKEN_CACHE_MS);

  constructor(private readonly store: SlackInstallationStore) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
    if (!key) throw new MusterError('invalid_argument', 'Slack finished an install without saying which workspace it was for.');
    await this.store.save(key, JSON.stringify(installation));
    this.tokens.delete(key);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = keyOf(query);
    const json = key ? await this.store.find(key) : undefined;
    // not_found, not unavailable: a missing install is final (401 to Slack, dead letter in the outbox);
    // a database that is down surfaces as the store's own `unavailable` and is retried.
    if (!json) throw new MusterError('not_found', `Muster is not installed in Slack workspace ${(key ?? 'unknown').slice(0, 40)}; install it from /slack/install.`);
    return JSON.parse(json) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = keyOf(query);
    if (key) await this.remove(key);
  }

  async remove(workspaceId: string): Promise<void> {
    this.tokens.delete(workspaceId);
    await this.store.remove(workspaceId);
  }

  /** The gateway's token for a workspace (multi-workspace mode). */
  readonly tokenFor: SlackTokenResolver = async (workspaceId) => {
    const cached = this.tokens.get(workspaceId);
    if (cached) return cached;
    const installation = await this.fetchInstallation({ teamId: workspaceId, isEnterpriseInstall: false, enterpriseId: undefined });
    const token = installation.bot?.token;
    if (!token) throw new MusterError('not_found', `The Slack install of workspace ${workspaceId.slice(0, 40)} has no bot token; reinstall Muster there.`);
    this.tokens.set(workspaceId, token);
    return token;
  };
}
