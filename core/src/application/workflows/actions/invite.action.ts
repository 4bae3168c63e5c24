import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry, DirectoryPort } from '../../ports/chat-gateway.port';
import { TOKENS } from '../../container/tokens';
import { stringList, VALUE, type WorkflowAction, type WorkflowActionContext, type WorkflowActionResult } from '../workflow-action';
import { peopleIn } from './room-people';

/** `invite: ['@payments-oncall', 'ana@example.com']`: people or groups into every room of the incident. */
@injectable()
export class InviteAction implements WorkflowAction {
  readonly kind = 'invite';
  readonly needsRoom = true;

  constructor(
    @inject(TOKENS.DirectoryPort) private readonly directory: DirectoryPort,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
  ) {}

  check(params: Readonly<Record<string, unknown>>): string | undefined {
    return stringList(params[VALUE]) ? undefined : 'invite must be a list of people or groups, like [\'@payments-oncall\']';
  }

  describe(params: Readonly<Record<string, unknown>>): string {
    return `invite ${(stringList(params[VALUE]) ?? []).join(', ')}`;
  }

  async run(params: Readonly<Record<string, unknown>>, ctx: WorkflowActionContext): Promise<WorkflowActionResult> {
    const names = stringList(params[VALUE]) ?? [];
    const missing = new Set<string>();
    let invited = 0;
    for (const room of ctx.incident.snapshot().links.rooms) {
      const gateway = this.gateways.get(room.platform);
      if (!gateway) continue;
      const found = await peopleIn(this.directory, room, names);
      found.missing.forEach((m) => missing.add(m));
      if (found.people.length > 0) await gateway.invite(room, found.people);
      invited += found.people.length;
    }
    const who = names.filter((n) => !missing.has(n));
    const text = who.length ? `invited ${who.join(', ')} (${invited} ${invited === 1 ? 'person' : 'people'})` : 'invited nobody';
    return { text: missing.size ? `${text}; could not find ${[...missing].join(', ')}: check the name in muster.yaml` : text };
  }
}
