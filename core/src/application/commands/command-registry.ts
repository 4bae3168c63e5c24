import { inject, injectable, multiInject } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import type { CommandExtensions, RuntimeCommand } from '../extensions/extension-points';
import { IncidentLocator } from '../incidents/incident-locator';
import type { Logger } from '../ports/system.port';
import { TOKENS } from '../container/tokens';
import { isRuntimeCommand, type AnyParsedCommand, type RuntimeCommandInput } from './command';
import { CommandCatalog, type CommandDescription } from './command-catalog';
import type { CommandContribution } from './command-contribution';
import { generalUsage, withPrefix } from './command-prefix';
import type { CommandReply } from './command-reply';
import { about } from './reply-routing';
import { describeRuntimeCommand } from './runtime-command-description';
import { withTimeLimit } from '../outbox/time-limit';

/**
 * How long a run-time command may take to answer. Chat platforms wait for the answer (Slack acks a
 * slash command with it, within 3 s), so a plugin with slow work answers at once and does the work
 * from the outbox.
 */
export const RUNTIME_COMMAND_TIME_LIMIT_MS = 2_500;

interface RuntimeEntry {
  readonly owner: string;
  readonly command: RuntimeCommand;
  readonly description: CommandDescription;
}

/**
 * Every command Muster answers to: the contributions bound in the container (the built-ins) and the
 * ones added at run time (plugins, through CommandExtensions). The parser, usage lines, suggestions
 * and help read its catalogue; it runs what was parsed. A run-time command never shadows a built-in
 * word or another owner's command, and one that acts on an incident gets it only after the same
 * lookup and access check as a built-in (an incident the asker may not see is answered as missing).
 */
@injectable()
export class CommandRegistry implements CommandExtensions {
  private readonly contributions: ReadonlyMap<string, CommandContribution>;
  private readonly builtIn: CommandCatalog;
  private readonly runtime = new Map<string, RuntimeEntry>();
  private current: CommandCatalog;
  /** See RUNTIME_COMMAND_TIME_LIMIT_MS; a test may shorten it. */
  timeLimitMs = RUNTIME_COMMAND_TIME_LIMIT_MS;

  constructor(
    @multiInject(TOKENS.CommandContribution) contributions: CommandContribution[],
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {
    // The catalogue refuses two contributions answering to one word: a wiring mistake, found at start.
    this.builtIn = new CommandCatalog(contributions.map((c) => c.description));
    this.contributions = new Map(contributions.map((c) => [c.description.info.name, c]));
    this.current = this.builtIn;
  }

  /** The grammar now. A new catalogue replaces it when a command comes or goes; a request keeps the one it parsed with. */
  catalog(): CommandCatalog {
    return this.current;
  }

  register(owner: string, command: RuntimeCommand): void {
    const description = describeRuntimeCommand(owner, command);
    const { name } = description.info;
    if (this.builtIn.named(name)) {
      throw new MusterError('conflict', `\`${name}\` is a built-in Muster command, so ${owner} cannot add a command of that name; pick another word.`, { owner, command: name });
    }
    const taken = this.runtime.get(name);
    if (taken) {
      throw new MusterError('conflict', `\`${name}\` is already a command of ${taken.owner}, so ${owner} cannot add one of that name; pick another word.`, { owner, command: name, takenBy: taken.owner });
    }
    this.runtime.set(name, { owner, command, description });
    this.rebuild();
  }

  unregisterAll(owner: string): void {
    let removed = false;
    for (const [name, entry] of this.runtime) {
      if (entry.owner === owner) removed = this.runtime.delete(name);
    }
    if (removed) this.rebuild();
  }

  /** Runs a parsed command: a built-in through its contribution, a run-time one through its owner's run. */
  async run(ctx: RequestContext, parsed: AnyParsedCommand, prefix: string, catalog: CommandCatalog = this.current): Promise<CommandReply> {
    if (isRuntimeCommand(parsed)) return this.runRuntime(ctx, parsed, prefix);
    const contribution = this.contributions.get(parsed.name);
    // Unreachable: the catalogue a command is parsed with is built from these contributions.
    if (!contribution) throw new RangeError(`No contribution runs the command "${parsed.name}".`);
    return contribution.run(ctx, parsed, { prefix, catalog });
  }

  private async runRuntime(ctx: RequestContext, parsed: RuntimeCommandInput, prefix: string): Promise<CommandReply> {
    const entry = this.runtime.get(parsed.name);
    if (!entry) {
      throw new MusterError('unknown_subcommand', `The command \`${parsed.name}\` was removed a moment ago (its plugin was turned off). Type \`${withPrefix('help', prefix)}\` to see every command.`, {
        usage: generalUsage(prefix), command: parsed.name,
      });
    }
    let incident: Incident | undefined;
    if (entry.command.takesIncident) {
      incident = await this.locator.locate(ctx, parsed.incidentRef);
      this.access.assert(ctx, 'incident.view', incident);
    }
    let reply: CommandReply;
    try {
      const work = Promise.resolve().then(() => entry.command.run(ctx, parsed.args, incident));
      reply = await withTimeLimit(work, this.timeLimitMs, () => new MusterError('unavailable',
        `The ${parsed.name} command did not answer in time; its plugin may be slow or down. Try again in a moment.`, { owner: entry.owner }));
    } catch (error) {
      if (!(error instanceof MusterError) || error.code === 'internal' || error.code === 'unavailable') this.logFailure(entry, error);
      throw error;
    }
    if (!reply || (reply.visibility !== 'ephemeral' && reply.visibility !== 'in_channel')) {
      this.logFailure(entry, new Error('it answered without a reply'));
      throw new MusterError('internal', `The ${parsed.name} command gave no answer.`);
    }
    // An answer about an incident goes to the whole channel only inside the incident's room.
    return incident ? about(incident, ctx, reply) : reply;
  }

  private logFailure(entry: RuntimeEntry, error: unknown): void {
    // The message only: a plugin's error object may carry request details that do not belong in a log.
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error('A run-time command failed', { owner: entry.owner, command: entry.description.info.name, error: reason.slice(0, 500) });
  }

  private rebuild(): void {
    this.current = this.builtIn.with([...this.runtime.values()].map((e) => e.description));
  }
}
