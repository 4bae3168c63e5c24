import { expect } from 'chai';
import { buildApp } from '../container/app-harness.spec-helper';
import { FORMS } from '../views/action-ids';
import { DECLARE_FIELDS } from '../views/forms.view';
import { textOf, type View } from '../views/view';
import type { CommandReply, FormReply } from './command-reply';
import { CommandDispatcher } from './command-dispatcher';
import { InteractionRouter } from './interaction-router';

const said = (view: View | undefined): string => (view?.blocks ?? []).map((b) => (b.type === 'text' || b.type === 'context' ? textOf(b.text) : '')).join('\n');
const replyOf = (form: FormReply): CommandReply => {
  if (form.kind !== 'done') throw new Error(`the form was refused: ${JSON.stringify(form.errors)}`);
  return form.reply;
};
const values = { [DECLARE_FIELDS.title]: 'Checkout errors for EU customers', [DECLARE_FIELDS.severity]: 'SEV2' };
const announced = (replies: readonly CommandReply[]) => replies.filter((r) => r.visibility === 'in_channel' && /INC-1 declared/.test(said(r.view)));

describe('a re-sent declare form', () => {
  it('announces the incident once and tells the re-sender it was already declared', async () => {
    const app = buildApp();
    const router = app.container.get(InteractionRouter);
    const ctx = app.ctx('alice'); // one request: the re-sent submission carries the same idempotency key
    const first = replyOf(await router.handleForm(ctx, FORMS.declare, values));
    const again = replyOf(await router.handleForm(ctx, FORMS.declare, values));

    expect(announced([first, again])).to.have.length(1);
    expect(again.visibility).to.equal('ephemeral');
    expect(said(again.view)).to.match(/INC-1 was already declared from this request/);
    expect(await app.store.repositories.incidents.list()).to.have.length(1);
  });

  it('answers a re-sent form with the same words as a re-sent command', async () => {
    const app = buildApp();
    const formCtx = app.ctx('alice');
    await app.container.get(InteractionRouter).handleForm(formCtx, FORMS.declare, values);
    const formAgain = replyOf(await app.container.get(InteractionRouter).handleForm(formCtx, FORMS.declare, values));
    const commandCtx = app.ctx('alice');
    const commands = app.container.get(CommandDispatcher);
    await commands.handleText(commandCtx, 'declare Payments down --sev SEV2');
    const commandAgain = await commands.handleText(commandCtx, 'declare Payments down --sev SEV2');

    expect(said(formAgain.view).replace('INC-1', 'INC-n')).to.equal(said(commandAgain.view).replace('INC-2', 'INC-n'));
  });

  it('still declares a second incident from a new submission (a new key)', async () => {
    const app = buildApp();
    const router = app.container.get(InteractionRouter);
    const first = replyOf(await router.handleForm(app.ctx('alice'), FORMS.declare, values));
    const second = replyOf(await router.handleForm(app.ctx('alice'), FORMS.declare, values));

    expect(said(first.view)).to.match(/INC-1 declared/);
    expect(said(second.view)).to.match(/INC-2 declared/);
    expect(await app.store.repositories.incidents.list()).to.have.length(2);
  });
});
