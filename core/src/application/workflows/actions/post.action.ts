import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import type { Block, Inline, View } from '../../views/view';
import { stringList, VALUE, type WorkflowAction, type WorkflowActionContext, type WorkflowActionResult } from '../workflow-action';
import { fillTemplate, unknownPlaceholders } from '../workflow-template';
import { postInRooms } from './room-post';

const MAX_TEXT = 3000;

/** `post: 'Checklist for {incident.reference}:'` with an optional `checklist: [...]`: a message in the room. */
@injectable()
export class PostAction implements WorkflowAction {
  readonly kind: string = 'post';
  readonly needsRoom = true;

  constructor(
    @inject(TOKENS.Repositories) protected readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) protected readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) protected readonly settings: MusterSettings,
  ) {}

  check(params: Readonly<Record<string, unknown>>): string | undefined {
    const text = params[VALUE];
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_TEXT) return `${this.kind} must be a text of 1 to ${MAX_TEXT} characters`;
    const unknown = unknownPlaceholders(text);
    if (unknown.length) return `${this.kind} uses {${unknown[0]}}, which Muster does not know; use {incident.reference}, {incident.title}, {incident.severity}, {incident.url}, {incident.status} or {rule.name}`;
    if (params.checklist === undefined) return undefined;
    const items = stringList(params.checklist);
    if (!items || items.length > 50) return 'checklist must be a list of 1 to 50 texts';
    const bad = items.findIndex((i) => unknownPlaceholders(i).length > 0);
    return bad >= 0 ? `checklist[${bad}] uses an unknown placeholder; use {incident.reference}, {incident.title}, {incident.severity}, {incident.url}, {incident.status} or {rule.name}` : undefined;
  }

  describe(params: Readonly<Record<string, unknown>>): string {
    const items = stringList(params.checklist);
    return `post "${String(params[VALUE])}"${items ? ` with a checklist of ${items.length}` : ''}`;
  }

  async run(params: Readonly<Record<string, unknown>>, ctx: WorkflowActionContext): Promise<WorkflowActionResult> {
    const fill = (t: string) => fillTemplate(t, ctx.incident, ctx.rule.name, this.settings.publicUrl);
    const text = fill(String(params[VALUE]));
    const items = (stringList(params.checklist) ?? []).map(fill);
    // Plain strings in the view: the renderer escapes them, so a title of <!channel> pings nobody.
    const blocks: Block[] = [{ type: 'text', text: this.lead(text) }, ...(items.length ? [{ type: 'list' as const, items: items.map((i) => [`☐ ${i}`]) }] : [])];
    const view: View = { fallback: [text, ...items.map((i) => `- ${i}`)].join('\n'), blocks: [...blocks, { type: 'context', text: [`Workflow ${ctx.rule.name}`] }] };
    await postInRooms(this.repos.outbox, this.gateways, ctx.incident, view, `workflow:${ctx.effectKey}`);
    return { text: this.summary(text, items.length) };
  }

  protected lead(text: string): Inline[] {
    return [text];
  }

  protected summary(text: string, items: number): string {
    return `posted "${text.slice(0, 200)}"${items ? ` with a checklist of ${items}` : ''}`;
  }
}

/** `remind: 'Time for the next update on {incident.reference}'`, usually with `after: 30m`: a reminder in the room. */
@injectable()
export class RemindAction extends PostAction {
  override readonly kind = 'remind';

  // Its own constructor: inversify reads the injections of the class it builds, not of its parent.
  constructor(
    @inject(TOKENS.Repositories) repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) settings: MusterSettings,
  ) {
    super(repos, gateways, settings);
  }

  override describe(params: Readonly<Record<string, unknown>>): string {
    return `remind "${String(params[VALUE])}"`;
  }

  protected override lead(text: string): Inline[] {
    return [{ bold: 'Reminder: ' }, text];
  }

  protected override summary(text: string): string {
    return `reminded the room: "${text.slice(0, 200)}"`;
  }
}
