import type { Incident } from '../../domain/incident';
import type { PersonRef } from '../../domain/person';
import type { WorkflowRule, WorkflowStep } from '../../domain/workflow';
import type { NewOutboxMessage } from '../ports/outbox.port';

/** What an action gets when its rule fires: the incident as it is now, and a key of its own. */
export interface WorkflowActionContext {
  readonly rule: WorkflowRule;
  readonly step: WorkflowStep;
  readonly incident: Incident;
  /** The rule, as the actor of what it does (`Workflow payments-sev1`). */
  readonly actor: PersonRef;
  /**
   * Unique per run and step, the same on every retry of it: the action keys its remote calls and
   * outbox messages with it, so a redo never invites, posts or drafts twice.
   */
  readonly effectKey: string;
  readonly now: Date;
}

/** What an action did: the timeline line (after `Workflow <name>: `), and what it leaves to the outbox. */
export interface WorkflowActionResult {
  readonly text: string;
  /** Enqueued with the timeline entry, keyed by the action (an `update.draft`, an `integration.call`). */
  readonly messages?: readonly NewOutboxMessage[];
}

/**
 * One kind of workflow step, an open registry: core binds its own under TOKENS.WorkflowAction
 * (invite, post, assign, draftUpdate, remind, escalate) and a module binds more (the server's plugin
 * host: page, ticket, call, webhook). The engine checks every configured step against its action at
 * start, and runs it through the effect log when its rule fires (workflow-run.handler.ts).
 */
export interface WorkflowAction {
  /** The muster.yaml key of the step (`invite`, `draftUpdate`). */
  readonly kind: string;
  /** Whether the step acts in the incident's room (the run then waits until the room is open). */
  readonly needsRoom: boolean;
  /** The problem with the configured parameters, as `<field> must ...`, or undefined when they are fine. */
  check(params: Readonly<Record<string, unknown>>): string | undefined;
  /** The step in plain words, for `workflows`: `invite @payments-oncall`. */
  describe(params: Readonly<Record<string, unknown>>): string;
  run(params: Readonly<Record<string, unknown>>, ctx: WorkflowActionContext): Promise<WorkflowActionResult>;
}

/** The configured value of the step's own key (`invite: [...]` → the list), where most actions keep their parameter. */
export const VALUE = 'value';

export const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.trim() !== '') ? value.map((v: string) => v.trim()) : undefined;
