import { expect } from 'chai';
import type { StatusUpdate } from '@muster/core';
import { ANA, BOB, SlackE2E } from '../e2e/slack/harness';
import type { FakeMessage } from '../fakes/fake-slack-api';
import type { SlackChannel } from '../e2e/slack/slack-payloads';
import { FIXTURE_DIR } from './plugin-support';

const PLUGIN = 'fixture-source';

/**
 * `ctx.on('update.published')` on the real server (SQLite, Bolt over signed HTTP, the fake Slack Web
 * API) with the fixture plugin from muster.yaml: drafts and rejected updates never reach it; the one
 * a commander approves reaches it once, as published, with its audience and body; a redelivered
 * approval and a retried publish job deliver nothing more.
 */
describe('plugin host: update.published reaches plugins once, and only for an approved update', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let room: SlackChannel;
  let external: StatusUpdate;
  let internal: StatusUpdate;
  /** The draft as it was when approved, buttons and all: pressed again, it is the same approval redelivered. */
  let approvedDraft: FakeMessage;

  const stored = async (key: string): Promise<unknown> => {
    const value = await e2e.store.pluginStorage.get(PLUGIN, 'config', key);
    return value === undefined ? undefined : JSON.parse(value);
  };
  const updateDeliveries = async (): Promise<string[]> =>
    ((await e2e.store.dataSource.query("SELECT idempotency_key FROM outbox WHERE topic = 'plugin.event'")) as { idempotency_key: string }[])
      .map((r) => r.idempotency_key).filter((k) => k.includes(':update.published:'));
  const updates = async () => e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1)).id);

  before(async () => {
    e2e = await SlackE2E.start({
      yaml: [`plugins: { ${PLUGIN}: { enabled: true, package: ${JSON.stringify(`${FIXTURE_DIR}/${PLUGIN}.js`)}, config: { team: payments } } }`],
      env: { MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: 'update-events-t0ken-41c9' },
    });
    await e2e.command('declare "Checkout errors for EU cards" --sev SEV2');
    await e2e.settle();
    room = await e2e.roomOf(1);
    await e2e.say(room.id, BOB, 'Card payments in the EU fail with 502 since 09:40');
  });
  after(() => e2e?.stop());

  it('tells the plugin nothing of drafts awaiting approval', async () => {
    await e2e.command('update external', ANA, room);
    await e2e.settle();
    await e2e.command('update internal', ANA, room);
    await e2e.settle();
    const all = await updates();
    external = all.find((u) => u.audience === 'external')!;
    internal = all.find((u) => u.audience === 'internal')!;
    expect([external.state, internal.state]).to.deep.equal(['pending_approval', 'pending_approval']);
    expect(await updateDeliveries()).to.deep.equal([]);
    expect(await stored(`heard:update:${external.id}`)).to.equal(undefined);
  });

  it('tells the plugin nothing of a rejected update', async () => {
    const [draft] = e2e.postsMentioning(room.id, 'Internal update for INC-1');
    expect((await e2e.click(draft!, 'update.reject', ANA, room)).status).to.equal(200);
    await e2e.settle();
    expect((await e2e.store.repositories.statusUpdates.findById(internal.id))!.state).to.equal('rejected');
    expect(await updateDeliveries()).to.deep.equal([]);
    expect(await stored(`heard:update:${internal.id}`)).to.equal(undefined);
  });

  it('tells the plugin once the commander approved and it was published: audience, body as published, the incident', async () => {
    const [draft] = e2e.postsMentioning(room.id, 'External update for INC-1');
    approvedDraft = structuredClone(draft!);
    expect((await e2e.click(draft!, 'update.approve', ANA, room)).status).to.equal(200);
    await e2e.settle();
    const published = (await e2e.store.repositories.statusUpdates.findById(external.id))!;
    expect(published.state).to.equal('published');
    const key = `plugin.event:${PLUGIN}:config:update.published:update:${external.id}:published`;
    expect(await updateDeliveries()).to.deep.equal([key]);
    expect(await stored(`update:${external.id}`)).to.deep.equal({ reference: 'INC-1', audience: 'external', body: published.body, deliveryId: key });
    expect(await stored(`heard:update:${external.id}`)).to.equal(1);
  });

  it('delivers nothing more for the approval clicked again or the publish job run again', async () => {
    expect((await e2e.click(approvedDraft, 'update.approve', ANA, room)).status).to.equal(200);
    await e2e.settle();
    // A worker that crashed after the publish job's record committed, before it marked the job done: the job runs again.
    await e2e.store.dataSource.query("UPDATE outbox SET completed_at = NULL, leased_until = NULL WHERE topic = 'update.publish'");
    await e2e.settle();
    const [job] = await e2e.store.dataSource.query("SELECT attempts, completed_at FROM outbox WHERE topic = 'update.publish'") as { attempts: number; completed_at: unknown }[];
    expect(Number(job!.attempts), 'the job ran again').to.equal(2);
    expect(job!.completed_at).to.not.equal(null);
    expect(await updateDeliveries()).to.have.length(1);
    expect(await stored(`heard:update:${external.id}`)).to.equal(1);
    expect(e2e.slack.messagesIn(e2e.stakeholders), 'published once to the stakeholders').to.have.length(1);
  });
});
