import { AFFECTED_SERVICES, type SeverityCatalog, type WorkflowAction, type WorkflowActionContext, type WorkflowActionResult, VALUE } from '@muster/core';
import type { PluginHost } from '../runtime/plugin-host';
import { callMessage, INTEGRATION_OPS, type IntegrationOp } from './integration-call';
import { providersOf } from './integration-providers';

/** The workflow steps the plugin host adds to core's (muster.yaml keys), for the config check. */
export const PLUGIN_WORKFLOW_ACTION_KINDS = ['page', 'ticket', 'call', 'webhook'] as const;

type Params = Readonly<Record<string, unknown>>;
type Spec = Parameters<typeof callMessage>[4];

/**
 * A workflow step done through the installed plugins: the same `integration.call` messages, with the
 * same call keys, as the IntegrationSubscriber's (integration-subscriber.ts). So a rule that pages the
 * service the declaration already paged, or opens the ticket the declaration opened, is the same call
 * and happens once; the call handler does the rest (guard, effect log, timeline, card line).
 */
abstract class PluginCallAction implements WorkflowAction {
  abstract readonly kind: string;
  readonly needsRoom = false;
  constructor(private readonly host: Pick<PluginHost, 'active'>) {}

  /** Which installations are asked, beside providing the capability (a page never goes back to its source). */
  protected accepts(_pluginId: string, _ctx: WorkflowActionContext): boolean {
    return true;
  }

  abstract check(params: Params): string | undefined;
  abstract describe(params: Params): string;
  protected abstract calls(params: Params, ctx: WorkflowActionContext): { op: IntegrationOp; subject: string; spec: Spec; words: string }[];

  async run(params: Params, ctx: WorkflowActionContext): Promise<WorkflowActionResult> {
    const calls = this.calls(params, ctx);
    const messages = calls.flatMap(({ op, subject, spec }) => providersOf(this.host, ctx.incident.tenantId, INTEGRATION_OPS[op])
      .filter((installation) => this.accepts(installation.spec.definition.id, ctx))
      .map((installation) => callMessage(installation, ctx.incident.id, op, `muster:${ctx.incident.id}:${op}:${subject}`, spec, ctx.now)));
    const words = calls.map((c) => c.words).join(', ');
    if (messages.length === 0) return { text: `could not ${words}: no installed plugin provides ${INTEGRATION_OPS[calls[0]?.op ?? 'notify']} for this tenant` };
    const plugins = [...new Set(messages.map((m) => String(m.payload.pluginId)))].join(', ');
    return { text: `asked ${plugins} to ${words}`, messages };
  }
}

/** `page: payments` (a service; `affected`: every affected one): pages through the paging plugins. */
export class PageAction extends PluginCallAction {
  readonly kind = 'page';
  constructor(host: Pick<PluginHost, 'active'>, private readonly severities: SeverityCatalog) {
    super(host);
  }
  /** As the IntegrationSubscriber: an incident a paging service declared is not paged back through it. */
  protected override accepts(pluginId: string, ctx: WorkflowActionContext): boolean {
    return pluginId !== ctx.incident.snapshot().source;
  }
  check(params: Params): string | undefined {
    return typeof params[VALUE] === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(params[VALUE]) ? undefined : 'page must be a service name, or affected for every affected service';
  }
  describe(params: Params): string {
    return params[VALUE] === AFFECTED_SERVICES ? 'page the affected services' : `page ${String(params[VALUE])}`;
  }
  protected calls(params: Params, ctx: WorkflowActionContext) {
    const named = String(params[VALUE]);
    const services = named.toLowerCase() === AFFECTED_SERVICES ? ctx.incident.snapshot().services : [named];
    // The subscriber's urgency rule, so the same page (one call key) says the same whoever asks first.
    const urgency = this.severities.levels[0]?.id === ctx.incident.severity ? 'high' as const : 'low' as const;
    return services.map((name) => ({ op: 'page' as const, subject: name, spec: { target: { kind: 'service' as const, name }, urgency }, words: `page ${name}` }));
  }
}

/** A step that takes `true` only (`ticket: true`): one call about the incident. */
abstract class IncidentCallAction extends PluginCallAction {
  protected abstract readonly op: IntegrationOp;
  protected abstract readonly words: string;
  check(params: Params): string | undefined {
    return params[VALUE] === true ? undefined : `${this.kind} must be true`;
  }
  describe(): string {
    return this.words;
  }
  protected calls() {
    // `incident`: the declaration's own subject, so the ticket or call it opened is not opened twice.
    return [{ op: this.op, subject: 'incident', spec: {}, words: this.words }];
  }
}

export class TicketAction extends IncidentCallAction {
  readonly kind = 'ticket';
  protected readonly op = 'open_ticket' as const;
  protected readonly words = 'open a ticket';
}

export class CallAction extends IncidentCallAction {
  readonly kind = 'call';
  protected readonly op = 'start_conference' as const;
  protected readonly words = 'start a call';
}

/** `webhook: <event name>`: tells the notifier plugins (the outgoing webhook) `workflow.<name>`, once per run. */
export class WebhookAction extends PluginCallAction {
  readonly kind = 'webhook';
  check(params: Params): string | undefined {
    return typeof params[VALUE] === 'string' && /^[a-z0-9][a-z0-9._-]{0,79}$/.test(params[VALUE]) ? undefined : 'webhook must be an event name like payments-escalated (lower-case letters, digits, . _ -)';
  }
  describe(params: Params): string {
    return `call the outgoing webhook with workflow.${String(params[VALUE])}`;
  }
  protected calls(params: Params, ctx: WorkflowActionContext) {
    const type = `workflow.${String(params[VALUE])}`;
    const id = `${ctx.effectKey}:${type}`;
    return [{ op: 'notify' as const, subject: id, spec: { event: { type, id, occurredAt: ctx.now.toISOString(), detail: { rule: ctx.rule.name } } }, words: `send ${type}` }];
  }
}

export const pluginWorkflowActions = (host: Pick<PluginHost, 'active'>, severities: SeverityCatalog): WorkflowAction[] =>
  [new PageAction(host, severities), new TicketAction(host), new CallAction(host), new WebhookAction(host)];
