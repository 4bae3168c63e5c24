import { expect } from 'chai';
import { FORMS } from '../views/action-ids';
import { parseSectionRef } from '../views/postmortem.view';
import { buttonsOf, replyText, withIncident } from './follow-up-flows.spec-helper';

describe('postmortem: editing from chat, and explicit steps', () => {
  async function resolved() {
    const s = await withIncident();
    await s.say('alice', 'resolve');
    await s.app.flush();
    return s;
  }
  const pm = async (s: Awaited<ReturnType<typeof resolved>>) => (await s.app.store.repositories.postmortems.findByIncident(s.incident.id))!;

  it('says in the room how to edit the drafted postmortem for real', async () => {
    const s = await resolved();
    const notice = s.app.gateway.postedTexts(s.room.conversationId).find((t) => t.includes('postmortem for INC-1 is ready'))!;
    expect(notice).to.include('Edit button under each section').and.include('/incident postmortem start');
  });

  it('opens a section\'s Edit form with its Markdown, saves it as the person\'s, and records it on the timeline', async () => {
    const s = await resolved();
    const view = (await s.say('bob', 'postmortem')).view;
    expect(replyText(await s.say('bob', 'postmortem'))).to.include('Summary (draft from the timeline)');
    const edit = buttonsOf(view).find((b) => b.label === 'Edit Summary')!;
    const opened = await s.router.handleAction(s.app.ctx('bob', s.room), edit.actionId, edit.value);
    const form = opened.form!;
    expect(form.formId).to.equal(FORMS.editPostmortemSection);
    const input = form.blocks.find((b) => b.type === 'input');
    expect(input && input.type === 'input' && input.element.kind === 'text' && input.element.initial).to.include('postmortem_narrative of Checkout errors');

    const saved = await s.router.handleForm(s.app.ctx('bob', s.room), form.formId, { body: '**Checkout** failed for EU cards.' }, form.privateMetadata);
    expect(replyText(saved)).to.include('Summary of the INC-1 postmortem saved by @bob');
    const summary = (await pm(s)).sections.find((x) => x.key === 'summary')!;
    expect(summary).to.include({ body: '**Checkout** failed for EU cards.', origin: 'human' });
    expect(summary.editedBy?.id).to.equal('bob');
    const shown = replyText(await s.say('bob', 'postmortem'));
    expect(shown).to.include('Summary\n**Checkout** failed').and.not.include('Summary (draft from the timeline)');
    const entries = (await s.app.store.repositories.timeline.list(s.incident.id)).map((e) => `${e.actor?.id}: ${e.text}`);
    expect(entries).to.include('bob: Postmortem section "Summary" edited.');
  });

  it('refuses a stale edit, naming who changed the section, and keeps what the later editor wrote', async () => {
    const s = await resolved();
    const edit = buttonsOf((await s.say('bob', 'postmortem')).view).find((b) => b.label === 'Edit Impact')!;
    const bobs = (await s.router.handleAction(s.app.ctx('bob', s.room), edit.actionId, edit.value)).form!;
    const carols = (await s.router.handleAction(s.app.ctx('carol', s.room), edit.actionId, edit.value)).form!;
    await s.router.handleForm(s.app.ctx('carol', s.room), carols.formId, { body: 'EU checkout down for 40 minutes.' }, carols.privateMetadata);
    const stale = await s.router.handleForm(s.app.ctx('bob', s.room), bobs.formId, { body: 'Nothing much.' }, bobs.privateMetadata);
    expect(stale.kind, 'the form stays open with bob\'s text').to.equal('errors');
    expect(replyText(stale)).to.include('"Impact" was changed by carol after you opened it');
    expect((await pm(s)).sections.find((x) => x.key === 'impact')!.body).to.equal('EU checkout down for 40 minutes.');
  });

  it('lets a person edit another section while someone edits this one, and a later AI draft never replaces an edited section', async () => {
    const s = await resolved();
    const buttons = buttonsOf((await s.say('bob', 'postmortem')).view);
    const summaryForm = (await s.router.handleAction(s.app.ctx('bob', s.room), buttons[0]!.actionId, buttons[0]!.value)).form!;
    const impactForm = (await s.router.handleAction(s.app.ctx('carol', s.room), buttons[1]!.actionId, buttons[1]!.value)).form!;
    expect(parseSectionRef(impactForm.privateMetadata!).key).to.equal('impact');
    await s.router.handleForm(s.app.ctx('carol', s.room), impactForm.formId, { body: 'Forty minutes.' }, impactForm.privateMetadata);
    expect((await s.router.handleForm(s.app.ctx('bob', s.room), summaryForm.formId, { body: 'Bob wrote this.' }, summaryForm.privateMetadata)).kind).to.equal('done');
    await s.say('alice', 'reopen');
    await s.say('alice', 'resolve');
    await s.app.flush();
    const sections = (await pm(s)).sections;
    expect(sections.find((x) => x.key === 'summary')).to.include({ body: 'Bob wrote this.', origin: 'human' });
    expect(sections.find((x) => x.key === 'impact')).to.include({ body: 'Forty minutes.', origin: 'human' });
  });

  it('refuses a forged or unknown section, a too long one, and an outsider of a private incident, saving nothing', async () => {
    const s = await resolved();
    const before = JSON.stringify(await pm(s));
    const ctx = s.app.ctx('bob', s.room);
    expect(replyText(await s.router.handleForm(ctx, FORMS.editPostmortemSection, { body: 'x' }, `${s.incident.id}|__proto__|0`))).to.include('older version');
    expect(replyText(await s.router.handleForm(ctx, FORMS.editPostmortemSection, { body: 'x' }, 'not-an-id|summary|0'))).to.include('cannot see it');
    expect(replyText(await s.router.handleForm(ctx, FORMS.editPostmortemSection, { body: 'y'.repeat(3001) }, `${s.incident.id}|summary|1`))).to.include('under 3000 characters');
    expect(JSON.stringify(await pm(s))).to.equal(before);
  });

  it('moves only on explicit steps: reading changes nothing, start and done need the commander, close finishes', async () => {
    const s = await resolved();
    await s.say('alice', 'assign sme @bob');
    const version = (await pm(s)).version;
    await s.say('bob', 'postmortem');
    expect((await s.app.store.repositories.incidents.findById(s.incident.id))!.status, 'reading moves nothing').to.equal('resolved');
    expect((await pm(s)).version).to.equal(version);

    expect(replyText(await s.say('alice', 'postmortem done'))).to.include('Start it first with /incident postmortem start');
    expect(replyText(await s.say('bob', 'postmortem start'))).to.include('Only the Incident Commander');
    expect(replyText(await s.say('alice', 'postmortem start'))).to.include('INC-1 is in its postmortem stage');
    expect((await s.app.store.repositories.incidents.findById(s.incident.id))!.status).to.equal('postmortem');
    expect((await pm(s)).state).to.equal('in_review');

    expect(replyText(await s.say('bob', 'postmortem done'))).to.include('Only the Incident Commander');
    expect(replyText(await s.say('alice', 'postmortem done'))).to.include('postmortem of INC-1 is reviewed');
    expect((await pm(s)).state).to.equal('published');
    expect(replyText(await s.say('alice', 'postmortem done'))).to.include('already marked reviewed');
    expect((await s.app.store.repositories.incidents.findById(s.incident.id))!.status, 'done does not close').to.equal('postmortem');
    await s.say('alice', 'close');
    expect((await s.app.store.repositories.incidents.findById(s.incident.id))!.status).to.equal('closed');
    const texts = (await s.app.store.repositories.timeline.list(s.incident.id)).map((e) => e.text);
    expect(texts).to.include('Status resolved → postmortem.').and.include('Postmortem marked reviewed.').and.include('Status postmortem → closed.');
  });
});
