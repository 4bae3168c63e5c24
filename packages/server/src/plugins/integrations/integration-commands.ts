import {
  ephemeral, inChannel, noticeView, parseMention, readableMentions, type AccessPolicy, type ChatPlatform, type CommandExtensions, type CommandReply, type DirectoryPort,
  type EmailDirectory, type Incident, type Logger, type NewOutboxMessage, type RequestContext, type ServiceRepository, type UnitOfWork,
} from '@muster/core';
import type { Capability } from '@muster/plugin-sdk';
import type { PluginHost } from '../runtime/plugin-host';
import { callMessage, type PageTargetRef } from './integration-call';
import { providersOf } from './integration-providers';
import { findService, serviceNames } from './service-lookup';

/** The owner of the host's own integration commands in the command registry. */
export const INTEGRATION_COMMANDS_OWNER = 'integrations';
const MAX_NAME = 100;

export interface IntegrationCommandDeps {
  readonly host: Pick<PluginHost, 'active'>;
  readonly access: () => AccessPolicy;
  readonly uow: () => UnitOfWork;
  readonly services: Pick<ServiceRepository, 'findByName' | 'list'>;
  readonly directory: () => DirectoryPort | undefined;
  readonly emailDirectories: Partial<Record<ChatPlatform, EmailDirectory>>;
  readonly clock: { now(): Date };
  readonly logger: Logger;
}

/**
 * `page <service|@person>` and `runbook [service]`: always registered, so a tenant without a paging or
 * runbooks plugin is told what to install. Each enqueues calls in a transaction and answers at once;
 * the outcome shows on the card like the automatic ones.
 */
export function registerIntegrationCommands(extensions: CommandExtensions | undefined, deps: IntegrationCommandDeps): void {
  if (!extensions) return;
  extensions.register(INTEGRATION_COMMANDS_OWNER, {
    name: 'page', syntax: 'page <service|@person>', summary: 'Page the on-call of a service, or a person, through the paging plugin.',
    examples: ['page checkout', 'page @ana'], takesIncident: true,
    run: (ctx, args, incident) => pageCommand(deps, ctx, args, incident!),
  });
  extensions.register(INTEGRATION_COMMANDS_OWNER, {
    name: 'runbook', syntax: 'runbook [service]', summary: 'Post the runbook of a service, or of every affected service, in the room.',
    examples: ['runbook', 'runbook checkout'], takesIncident: true,
    run: (ctx, args, incident) => runbookCommand(deps, ctx, args, incident!),
  });
}

async function pageCommand(deps: IntegrationCommandDeps, ctx: RequestContext, args: string, incident: Incident): Promise<CommandReply> {
  deps.access().assert(ctx, 'incident.contribute', incident, 'page people for');
  const say = (text: string, tone: 'normal' | 'warning' = 'warning') => ephemeral(noticeView([text], tone, ctx.prefix));
  const pager = providersOf(deps.host, incident.tenantId, 'paging')[0];
  if (!pager) return missingPlugin(ctx, 'paging', ['pagerduty', 'opsgenie']);
  const wanted = args.trim().slice(0, MAX_NAME);
  if (!wanted) return say('Say whom to page: `page <service|@person>`.');
  let target: PageTargetRef;
  if (wanted.startsWith('@') || wanted.startsWith('<')) {
    const person = await personTarget(deps, ctx, wanted);
    if (!person) return say(`I could not find ${readableMentions(wanted)} with an email address the paging service knows; page their service instead.`);
    target = person;
  } else {
    const service = await findService(deps.services, incident.tenantId, wanted);
    if (!service) {
      const names = await serviceNames(deps.services, incident.tenantId);
      return say(names.length ? `There is no service "${wanted}" in the catalogue. Known services: ${names.join(', ')}.` : 'The service catalogue is empty: add services in muster.yaml (services:) to page them.');
    }
    target = { kind: 'service', name: service.name };
  }
  const key = `muster:${incident.id}:page:${target.kind === 'service' ? target.name : target.person.email}:${ctx.idempotencyKey}`;
  await enqueue(deps, [callMessage(pager, incident.id, 'page', key, { target, urgency: 'high' }, deps.clock.now())]);
  const whom = target.kind === 'service' ? `the on-call of ${target.name}` : target.person.name ?? target.person.email ?? 'them';
  return inChannel(noticeView([`Paging ${whom} through ${pager.spec.definition.name}…`], 'normal', ctx.prefix));
}

async function runbookCommand(deps: IntegrationCommandDeps, ctx: RequestContext, args: string, incident: Incident): Promise<CommandReply> {
  const books = providersOf(deps.host, incident.tenantId, 'runbooks');
  if (books.length === 0) return missingPlugin(ctx, 'runbooks', ['runbooks']);
  const named = args.trim().slice(0, MAX_NAME);
  const services = named ? [named] : [...incident.snapshot().services];
  if (services.length === 0) return ephemeral(noticeView([`${incident.reference} has no affected services yet: name one, \`runbook <service>\`.`], 'warning', ctx.prefix));
  const now = deps.clock.now();
  await enqueue(deps, books.flatMap((book) => services.map((service) => callMessage(book, incident.id, 'post_runbook', `muster:${incident.id}:post_runbook:${service}:${ctx.idempotencyKey}`, { service }, now))));
  return ephemeral(noticeView([`Posting the runbook of ${services.join(', ')} in the room…`], 'normal', ctx.prefix));
}

function missingPlugin(ctx: RequestContext, capability: Capability, pluginIds: readonly string[]): CommandReply {
  const choices = pluginIds.flatMap((id, i) => [...(i ? [' or '] : []), { command: `plugins install ${id}` }]);
  return ephemeral(noticeView([`No ${capability} plugin is installed here. An administrator can install one: `, ...choices, '.'], 'warning', ctx.prefix));
}

/** A mentioned person with an email the directory tells: paged by email. */
async function personTarget(deps: IntegrationCommandDeps, ctx: RequestContext, handle: string): Promise<PageTargetRef | undefined> {
  const platform = ctx.platform as ChatPlatform;
  // Adapters hand mentions over as neutral tokens (`<@slack:U…|name>`); a token only names someone of the requester's platform.
  const token = parseMention(handle);
  const person = token
    ? (token.platform === platform ? token : undefined)
    : await deps.directory()?.resolve(platform, ctx.workspaceId, handle).catch(() => undefined);
  const email = person && await deps.emailDirectories[platform]?.emailOf(ctx.workspaceId, person).catch(() => undefined);
  if (!person || !email) return undefined;
  return { kind: 'person', person: { platform: person.platform, id: person.id, ...(person.name && { name: person.name }), email } };
}

async function enqueue(deps: IntegrationCommandDeps, messages: NewOutboxMessage[]): Promise<void> {
  await deps.uow().run((tx) => tx.outbox.enqueue(messages));
}
