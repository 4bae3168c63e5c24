import { expect } from 'chai';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { InteractionRouter } from '../commands/interaction-router';
import { buildApp } from '../container/app-harness.spec-helper';
import { FORMS } from './action-ids';
import { DECLARE_FIELDS } from './forms.view';
import type { Block, FormView } from './view';

type Input = Extract<Block, { type: 'input' }>;
const input = (form: FormView, id: string): Input => form.blocks.find((b): b is Input => b.type === 'input' && b.id === id)!;

describe('the declare form', () => {
  it('starts from what was typed: severity, services and private, not the defaults', async () => {
    const app = buildApp();
    const reply = await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), 'declare --sev SEV1 --service checkout,payments --private');
    const form = reply.form!;
    expect(form.formId).to.equal(FORMS.declare);
    expect(input(form, DECLARE_FIELDS.severity).element).to.include({ kind: 'select', initial: 'SEV1' });
    expect(input(form, DECLARE_FIELDS.services).element).to.include({ kind: 'multi_text', initial: 'checkout, payments' });
    expect(input(form, DECLARE_FIELDS.private).element).to.include({ kind: 'checkbox', initial: true });
    const plain = (await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), 'declare')).form!;
    expect(input(plain, DECLARE_FIELDS.severity).element).to.include({ initial: 'SEV3' });
    expect(input(plain, DECLARE_FIELDS.private).element).to.include({ initial: false });
    expect(await app.store.repositories.incidents.findByNumber('default', 1), 'opening the form declares nothing').to.equal(undefined);
  });

  it('requires the title in the form itself, with a minimum length, and refuses a too-short one on submit', async () => {
    const app = buildApp();
    const form = (await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), 'declare --sev sev2')).form!;
    const title = input(form, DECLARE_FIELDS.title);
    expect(title.optional).to.equal(false);
    expect(title.element).to.include({ kind: 'text', minLength: 3 });
    const router = app.container.get(InteractionRouter);
    const refused = await router.handleForm(app.ctx('alice'), FORMS.declare, { [DECLARE_FIELDS.title]: ' x ', [DECLARE_FIELDS.severity]: 'SEV2' });
    expect(refused.kind).to.equal('errors');
    expect(await app.store.repositories.incidents.findByNumber('default', 1), 'nothing declared').to.equal(undefined);
  });
});
