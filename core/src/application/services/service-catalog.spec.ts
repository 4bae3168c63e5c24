import { expect } from 'chai';
import type { PersonRef } from '../../domain/person';
import type { Service } from '../../domain/service';
import { buildApp, directory } from '../container/app-harness.spec-helper';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { InteractionRouter } from '../commands/interaction-router';
import { FORMS } from '../views/action-ids';
import { DECLARE_FIELDS } from '../views/forms.view';
import type { DirectoryPort } from '../ports/chat-gateway.port';
import { textOf, type View } from '../views/view';

const viewText = (view: View | undefined) => (view?.blocks ?? [])
  .map((b) => ('text' in b ? (typeof b.text === 'string' ? b.text : textOf(b.text)) : 'items' in b ? b.items.map(textOf).join('\n') : '')).join('\n');

const service = (name: string, extra: Partial<Service> = {}): Service => ({
  id: `svc-${name}-${extra.tenantId ?? 'default'}`, tenantId: 'default', name, description: '', owners: [], subjectMatterExperts: [], runbooks: [],
  integrations: {}, public: false, origin: 'config', ...extra,
});

/** A directory that knows people by email, as Slack's does; `broken` addresses make it throw. */
function emailDirectory(known: Record<string, PersonRef>, broken: readonly string[] = []): DirectoryPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    ...directory, asked,
    async byEmail(_platform, _workspace, email) {
      asked.push(email);
      if (broken.includes(email)) throw new Error('users.lookupByEmail failed: ratelimited');
      return known[email];
    },
  };
}

describe('the service catalogue in chat: declare --service, services, room set-up', () => {
  async function app(services: Service[], dir?: DirectoryPort) {
    const built = buildApp(undefined, dir ? { directory: dir } : {});
    for (const s of services) await built.store.repositories.services.save(s);
    const run = (text: string) => built.container.get(CommandDispatcher).handleText(built.ctx('alice'), text);
    const invited = () => built.gateway.calls.filter((c) => c.method === 'invite' || c.method === 'createRoom')
      .flatMap((c) => (c.method === 'invite' ? (c.args[1] as PersonRef[]) : ((c.args[0] as { members?: PersonRef[] }).members ?? [])).map((p) => `${p.platform}:${p.id}`));
    return { ...built, run, invited };
  }

  it('refuses an unknown service with the nearest name and the catalogue, declaring nothing', async () => {
    const a = await app([service('checkout'), service('payments')]);
    const reply = await a.run('/incident declare Card errors --sev SEV2 --service chekout');
    const text = viewText(reply.view);
    expect(text).to.include('There is no service “chekout” in the catalogue. Did you mean checkout?');
    expect(text).to.include('Try /incident declare Card errors --sev SEV2 --service checkout.');
    expect(text).to.include('The catalogue has checkout, payments.');
    expect(await a.store.repositories.incidents.findByNumber('default', 1)).to.equal(undefined);
  });

  it('refuses every unknown name of several, and says no guess when none is close', async () => {
    const a = await app([service('checkout')]);
    const text = viewText((await a.run('/incident declare Down --service checkout,zzzzzz')).view);
    expect(text).to.match(/no service “zzzzzz”/);
    expect(viewText((await a.run('/incident declare Down --private --service checkout,chekout')).view)).to.include('--private --service checkout,checkout');
    expect(text).to.not.match(/Did you mean/);
    expect(await a.store.repositories.incidents.findByNumber('default', 1)).to.equal(undefined);
  });

  it('refuses an unknown service in the declare form as an error on its field, declaring nothing', async () => {
    const a = await app([service('checkout')]);
    const form = a.container.get(InteractionRouter);
    const refused = await form.handleForm(a.ctx('alice'), FORMS.declare, { [DECLARE_FIELDS.title]: 'Card errors', [DECLARE_FIELDS.services]: 'chekout' });
    expect(refused.kind).to.equal('errors');
    expect(refused.kind === 'errors' && refused.errors[DECLARE_FIELDS.services]).to.equal(
      'There is no service “chekout” in the catalogue. Did you mean checkout? Try “checkout”. The catalogue has checkout.');
    expect(await a.store.repositories.incidents.findByNumber('default', 1)).to.equal(undefined);
    const accepted = await form.handleForm(a.ctx('alice'), FORMS.declare, { [DECLARE_FIELDS.title]: 'Card errors', [DECLARE_FIELDS.services]: 'CHECKOUT' });
    expect(accepted.kind).to.equal('done');
    expect((await a.store.repositories.incidents.findByNumber('default', 1))!.snapshot().services).to.deep.equal(['checkout']);
  });

  it('takes any name while the catalogue is empty', async () => {
    const a = await app([]);
    await a.run('/incident declare Down --service whatever');
    expect((await a.store.repositories.incidents.findByNumber('default', 1))!.snapshot().services).to.deep.equal(['whatever']);
  });

  it('declares with the catalogue\'s spelling and names the experts in the answer', async () => {
    const a = await app([service('Checkout', { subjectMatterExperts: [{ platform: 'console', id: 'ana' }, { email: 'bo@example.com' }, { platform: 'teams', id: 'elsewhere' }] })]);
    const reply = await a.run('/incident declare Card errors --sev SEV1 --service checkout');
    expect((await a.store.repositories.incidents.findByNumber('default', 1))!.snapshot().services).to.deep.equal(['Checkout']);
    const text = viewText(reply.view);
    expect(text).to.match(/Experts for Checkout: @?ana, bo@example\.com\. The room invites them/);
    expect(text).to.not.include('elsewhere');
  });

  it('invites owners and experts, email contacts through the directory; an unknown or failing address is skipped, not fatal', async () => {
    const dir = emailDirectory({ 'bo@example.com': { platform: 'console', id: 'bo' } }, ['broken@example.com']);
    const a = await app([service('checkout', {
      owners: [{ platform: 'console', id: 'ana' }, { email: 'bo@example.com' }],
      subjectMatterExperts: [{ email: 'nobody@example.com' }, { email: 'broken@example.com' }, { platform: 'slack', id: 'U0OTHER' }],
      runbooks: [{ title: 'Restart', url: 'https://wiki.example.com/restart' }],
    })], dir);
    await a.run('/incident declare Card errors --sev SEV1 --service checkout');
    await a.flush();
    expect(new Set(a.invited())).to.deep.equal(new Set(['console:alice', 'console:ana', 'console:bo']));
    expect(dir.asked).to.include.members(['bo@example.com', 'nobody@example.com', 'broken@example.com']);
    expect(a.logs.some((l) => /Could not look up a service contact by email/.test(l))).to.equal(true);
    expect(a.logs.join('\n')).to.not.include('broken@example.com');
    expect(a.gateway.calls.filter((c) => c.method === 'bookmark').map((c) => (c.args[1] as { url: string }).url)).to.deep.equal(['https://wiki.example.com/restart']);
  });

  it('never uses another tenant\'s service of the same name', async () => {
    const a = await app([service('checkout', { tenantId: 'other', owners: [{ platform: 'console', id: 'mallory' }] })]);
    await a.run('/incident declare Down --sev SEV1 --service checkout');
    await a.flush();
    expect(a.invited()).to.not.include('console:mallory');
  });

  it('lists the catalogue with owners, on-call ids and runbook; says how to fill an empty one', async () => {
    const a = await app([service('checkout', { description: 'Takes the money', owners: [{ email: 'bo@example.com' }], integrations: { pagerduty: 'PCHK' }, runbooks: [{ title: 'Restart', url: 'https://wiki.example.com/r' }] })]);
    const text = viewText((await a.run('/incident services')).view);
    expect(text).to.match(/Service catalogue/);
    expect(text).to.match(/checkout — Takes the money · owners bo@example\.com · pagerduty PCHK · Restart/);
    const empty = await app([]);
    expect(viewText((await empty.run('/incident services')).view)).to.match(/The catalogue is empty/);
  });
});
