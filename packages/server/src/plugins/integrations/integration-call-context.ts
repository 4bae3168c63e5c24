import { createHash } from 'node:crypto';
import {
  MusterError, type ChatGatewayRegistry, type ChatPlatform, type EmailDirectory, type Incident, type IncidentChanges, type IntegrationKind, type IntegrationStatus, type Logger,
  type OutboxMessage, type Repositories,
} from '@muster/core';
import type { CallOptions, CapabilityPorts, PluginIncident } from '@muster/plugin-sdk';
import { pluginIncidentOf } from '../events/plugin-incident';
import type { GuardOutcome, PluginGuard } from '../guard/plugin-guard';
import type { ActiveInstallation } from '../runtime/installation';
import type { IntegrationCall } from './integration-call';

/** What every call handler needs from the server, built once in plugins-module.ts. */
export interface IntegrationDeps {
  readonly guard: PluginGuard;
  readonly repos: Repositories;
  readonly changes: () => IncidentChanges;
  readonly gateways: () => ChatGatewayRegistry | undefined;
  readonly directories: Partial<Record<ChatPlatform, EmailDirectory>>;
  readonly logger: Logger;
}

/** A guarded call that failed: the handler records it on the status line and lets the outbox retry. */
export class CallFailed extends Error {
  constructor(readonly outcome: Extract<GuardOutcome<unknown>, { ok: false }>) {
    super(outcome.reason);
  }
}

type Fields = Pick<IntegrationStatus, 'state'> & Partial<Pick<IntegrationStatus, 'link' | 'remoteId' | 'detail' | 'lastError'>>;

/**
 * One `integration.call` being carried out: the installation, its port, the incident as it is now, and
 * the two things every operation does — call the plugin at most once per step (effect log + guard) and
 * record where it stands on the incident.
 */
export class CallContext<P = unknown> {
  readonly plain: PluginIncident;

  constructor(
    readonly deps: IntegrationDeps,
    readonly call: IntegrationCall,
    readonly message: OutboxMessage,
    readonly installation: ActiveInstallation,
    readonly port: P,
    readonly incident: Incident,
  ) {
    this.plain = pluginIncidentOf(incident);
  }

  /**
   * The incident as it is now. A call loads it when it starts; a room opened while the remote side was
   * answering is in the fresh one, so what the call does in rooms (invite, bookmark, post) reaches it
   * at once instead of waiting for the room_linked repeat of the call (which then finds it done).
   */
  async fresh(): Promise<Incident> {
    return (await this.deps.repos.incidents.findById(this.incident.id)) ?? this.incident;
  }

  get pluginId(): string { return this.installation.spec.definition.id; }
  get provider(): string { return this.installation.spec.definition.name; }

  /**
   * A key of the effect log for one step of this call: by the call's key, not the message's, so a
   * second message for the same call (a room opened later) reuses the remote answer and posts in
   * each room once.
   */
  effectKey(step: string): string {
    return `integration:${createHash('sha256').update(`${this.installation.spec.definition.id}|${this.installation.spec.installationId}|${this.call.callKey}|${step}`).digest('base64url')}`;
  }

  /**
   * Calls the plugin for one step under the guard. A step completed before returns its stored answer
   * without calling again; one begun before without an answer passes `uncertainSince`, so the plugin
   * looks for what that attempt did. `check` validates the answer inside the guard (a bad answer is a failure).
   */
  async remote<T>(step: string, work: (options: CallOptions) => Promise<unknown>, check: (value: unknown) => T): Promise<T> {
    const key = this.effectKey(step);
    if (this.call.repeat) {
      // Begun by the first message and not finished: wait for it (outbox backoff) rather than ask the remote side a second time at once.
      const known = await this.deps.repos.outbox.effect(key);
      if (known?.result) return known.result.value as T;
      if (known) throw new MusterError('unavailable', `The first ${this.call.op} call of this incident is still under way; this one waits for it.`);
    }
    const effect = await this.deps.repos.outbox.beginEffect(key);
    if (effect.result) return effect.result.value as T;
    const options: CallOptions = {
      idempotencyKey: step === 'main' ? this.call.callKey : `${this.call.callKey}:${step}`.slice(0, 250),
      ...(effect.begins > 1 && { uncertainSince: effect.begunAt }),
    };
    const { definition, installationId } = this.installation.spec;
    const outcome = await this.deps.guard.run(
      {
        pluginId: definition.id, pluginName: definition.name, installationId, operation: 'call', metricsOperation: this.call.op,
        what: this.call.op, redactor: this.installation.redactor, incident: { id: this.incident.id, deliveryKey: this.message.idempotencyKey },
      },
      async () => check(await work(options)),
    );
    if (!outcome.ok) throw new CallFailed(outcome);
    await this.deps.repos.outbox.completeEffect(key, { value: (outcome.value ?? null) as unknown });
    return outcome.value;
  }

  /** Records the status line `key`; `also` runs in the same transaction (an invitation to enqueue). */
  async record(key: string, kind: IntegrationKind, fields: Fields, also?: (tx: Repositories, now: Date) => Promise<void>): Promise<void> {
    await this.deps.changes().applySystem(this.incident.id, async (incident, tx, now) => {
      const status: IntegrationStatus = { key, kind, pluginId: this.pluginId, provider: this.provider, ...fields, updatedAt: now.toISOString() };
      const changed = incident.recordIntegration(status, now);
      await also?.(tx, now);
      return changed;
    });
  }

  /** Records a failure on an existing line (keeping its link and remote id) or a new one. */
  async recordFailure(key: string, kind: IntegrationKind, state: 'retrying' | 'failed', lastError: string): Promise<void> {
    const before = this.incident.integration(key);
    await this.record(key, kind, {
      ...(before?.link && { link: before.link }), ...(before?.remoteId && { remoteId: before.remoteId }), ...(before?.detail && { detail: before.detail }),
      state, lastError,
    });
  }
}

export type PortOf<C extends keyof CapabilityPorts> = CapabilityPorts[C];
