import { inject, injectable, multiInject, optional } from 'inversify';
import { MusterError } from '../../errors';
import type { PersonRef } from '../../domain/person';
import type { WorkflowRule, WorkflowStep } from '../../domain/workflow';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import type { WorkflowAction } from './workflow-action';

/** The timeline source and change origin of what a rule does. */
export const workflowSource = (rule: string): string => `workflow:${rule}`;

/** The rule as the actor of its changes and drafts: a name people read, never a person to ping. */
export const workflowActor = (rule: string): PersonRef => ({ platform: 'api', id: workflowSource(rule), name: `Workflow ${rule}` });

/** The configured rules (muster.yaml `workflows:`), by name. Depends on nothing but the settings, so the engine's subscriber can hear events without a cycle. */
@injectable()
export class WorkflowRules {
  private readonly rules: readonly WorkflowRule[];

  constructor(@inject(TOKENS.Settings) settings: MusterSettings) {
    this.rules = settings.workflows ?? [];
  }

  all(): readonly WorkflowRule[] {
    return this.rules;
  }

  find(name: string): WorkflowRule | undefined {
    return this.rules.find((r) => r.name === name);
  }
}

/**
 * The registered actions, checked against the configured rules once, when first asked for (the server
 * asks at start): a step whose kind no action handles, or whose parameters its action refuses, stops the
 * start with the rule and field named, rather than failing at 3 a.m.
 */
@injectable()
export class WorkflowActions {
  private readonly actions: ReadonlyMap<string, WorkflowAction>;

  constructor(
    @inject(WorkflowRules) rules: WorkflowRules,
    @multiInject(TOKENS.WorkflowAction) @optional() actions: WorkflowAction[] = [],
  ) {
    const byKind = new Map<string, WorkflowAction>();
    for (const action of actions ?? []) {
      if (byKind.has(action.kind)) throw new MusterError('configuration', `Two workflow actions are bound for "${action.kind}"; bind one.`);
      byKind.set(action.kind, action);
    }
    this.actions = byKind;
    rules.all().forEach((rule, i) => rule.steps.forEach((step, j) => this.check(rule, i, step, j)));
  }

  kinds(): string[] {
    return [...this.actions.keys()];
  }

  action(kind: string): WorkflowAction {
    const action = this.actions.get(kind);
    if (!action) throw new MusterError('configuration', `No workflow action "${kind}" is installed in this Muster.`);
    return action;
  }

  private check(rule: WorkflowRule, i: number, step: WorkflowStep, j: number): void {
    const where = `muster.yaml: workflows[${i}] (${rule.name}).do[${j}]`;
    const action = this.actions.get(step.kind);
    if (!action) {
      throw new MusterError('configuration', `${where} is a "${step.kind}" step, which no installed action does; use one of ${[...this.actions.keys()].join(', ')}.`);
    }
    const problem = action.check(step.params);
    if (problem) throw new MusterError('configuration', `${where}.${problem}`);
  }
}
