import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Summarizer } from '../../ports/summarizer.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../settings';
import { TOKENS } from '../../tokens';
import { summaryView } from '../../views/summary.view';
import { effectStep } from '../effect-step';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { gatewayFor, loadIncident } from './handler-support';
import { summaryRequest } from './summary-request';

@injectable()
export class CatchUpHandler implements OutboxHandler<'summary.catch_up'> {
  readonly topic = 'summary.catch_up' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Summarizer) private readonly summarizer: Summarizer,
  ) {}

  async handle(p: TopicPayloads['summary.catch_up'], message: OutboxMessage): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    // Posted already (the answer was stored): do not summarize (and bill) it again.
    if ((await this.repos.outbox.effect(`post:${message.idempotencyKey}`))?.result) return;
    const result = await this.summarizer.summarize(await summaryRequest(this.repos, this.settings, incident, 'catch_up'));
    const gateway = gatewayFor(this.gateways, p.conversation.platform);
    const key = message.idempotencyKey;
    const view = summaryView(incident, result);
    // Ephemeral answers cannot be found again in history; showing one twice to its one reader is harmless.
    if (p.privateTo) await gateway.postEphemeral(p.conversation, p.privateTo, view);
    else await effectStep(this.repos.outbox, `post:${key}`, async (uncertainSince) => ({ ...await gateway.post(p.conversation, view, { idempotencyKey: key, uncertainSince }) }));
  }
}
