import { expect } from 'chai';
import { buildApp } from '../container/app-harness.spec-helper';
import { FORMS } from '../views/action-ids';
import { CommandDispatcher } from './command-dispatcher';
import { InteractionRouter } from './interaction-router';

/** The assign form's people picker: a platform id, or the neutral token an adapter named it with. */
describe('the assign-role form', () => {
  async function declared() {
    const app = buildApp();
    await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), 'declare "Checkout errors"');
    const incident = (await app.store.repositories.incidents.list())[0]!;
    const submit = (person: string) => app.container.get(InteractionRouter).handleForm(app.ctx('alice'), FORMS.assignRole, { role: 'scribe', person }, incident.id);
    const scribe = async () => (await app.store.repositories.incidents.findById(incident.id))!.snapshot().roles.find((r) => r.role === 'scribe')?.person;
    return { submit, scribe };
  }

  it('takes a picked id as a person of the requester\'s platform', async () => {
    const { submit, scribe } = await declared();
    expect((await submit('bob')).kind).to.equal('done');
    expect(await scribe()).to.deep.equal({ platform: 'console', id: 'bob' });
  });

  it('takes a mention token of the requester\'s platform with the name the adapter found', async () => {
    const { submit, scribe } = await declared();
    await submit('<@console:bob|Bob Jones>');
    expect(await scribe()).to.deep.equal({ platform: 'console', id: 'bob', name: 'Bob Jones' });
  });

  for (const [what, value] of [['a token of another platform', '<@slack:U0BOB|bob>'], ['markup that is no token', '<@console:bob|x> and more'], ['nothing', '  ']] as const) {
    it(`answers ${what} by asking for the person again, and assigns nobody`, async () => {
      const { submit, scribe } = await declared();
      expect(await submit(value)).to.deep.equal({ kind: 'errors', errors: { person: 'Pick the person to give the role to.' } });
      expect(await scribe()).to.equal(undefined);
    });
  }
});
