import { expect } from 'chai';
import { createScratchDatabase } from '../../contract/mariadb';
import { eventually } from '../../kits/wait';
import { quietServer } from '../settle-server';
import { ANA, SlackE2E } from './harness';

const everything = (m: { text: string; blocks?: unknown[] }): string => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;
const ONCALL = [{ id: 'U0PAYONE', name: 'pia' }, { id: 'U0PAYTWO', name: 'paolo' }];

/**
 * The acceptance test of issue 12: "SEV1 declared with service payments → invite @payments-oncall, post
 * the payments checklist, request an internal update draft after 15 minutes", configured in muster.yaml
 * and run by the real server against the fake Slack.
 *
 * The test drives time: the draft's timer is an outbox message due 15 minutes after the declaration.
 * Rather than wait, the test makes it due by setting its `available_at` back in the harness's
 * database, exactly what the clock reaching it would do; the server's pump then runs it as it would.
 * On SQLite (the embedded default) and on MariaDB.
 */
for (const database of ['SQLite', 'MariaDB'] as const) describe(`Slack e2e: workflows from muster.yaml (${database})`, function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let drop: (() => Promise<void>) | undefined;

  before(async () => {
    const scratch = database === 'MariaDB' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    e2e = await SlackE2E.start({
      ...(scratch && { databaseUrl: scratch.url }),
      yaml: [
        'services: { payments: {}, search: {} }',
        'workflows:',
        '  - name: payments-sev1',
        '    on: declared',
        '    when: { severity: [SEV1], services: [payments] }',
        '    do:',
        "      - invite: ['@payments-oncall']",
        "      - post: 'Payments checklist for {incident.reference}: {incident.title}'",
        "        checklist: ['Freeze deploys', 'Check the PSP status page']",
        '      - draftUpdate: internal',
        '        after: 15m',
      ],
    });
    for (const user of ONCALL) e2e.slack.addUser({ id: user.id, name: user.name, displayName: user.name });
    e2e.slack.addUserGroup({ handle: 'payments-oncall', name: 'Payments on-call', users: ONCALL.map((u) => u.id) });
  });
  after(async () => {
    await e2e?.stop();
    await drop?.();
  });

  const timerDue = async () => {
    await e2e.store.dataSource.query("UPDATE outbox SET available_at = created_at WHERE topic = 'workflow.run' AND completed_at IS NULL AND dead = 0");
  };
  const draftCards = (channel: string) => e2e.slack.messagesIn(channel).filter((m) => /Internal update for INC-\d+ \(pending approval\)/.test(m.text));

  it('invites the on-call group once, posts the checklist once in the room only, and drafts the internal update once the 15 minutes are due, unpublished', async () => {
    // A title that would ping the whole channel if the template were markup.
    await e2e.command('declare "<!channel> card payments failing" --sev SEV1 --service payments');
    const room = await eventually('the room', async () => (await e2e.incident(1)).snapshot().links.rooms[0]);
    const checklist = () => e2e.slack.messagesIn(room.conversationId).filter((m) => m.text.startsWith('Payments checklist for INC-1'));
    await eventually('the checklist', () => (checklist().length > 0 ? true : undefined));
    await quietServer(e2e.server);

    const members = e2e.slack.channel(room.conversationId)!.members;
    expect(ONCALL.every((u) => members.has(u.id)), 'the group\'s members are in the room').to.equal(true);
    const invitesOf = (id: string) => e2e.slack.calls('conversations.invite').filter((c) => String(c.args.users).split(',').includes(id));
    expect(ONCALL.map((u) => invitesOf(u.id).length), 'each member invited once').to.deep.equal([1, 1]);
    expect(e2e.slack.calls('usergroups.list').length).to.be.greaterThan(0);

    expect(checklist(), 'the checklist, once').to.have.length(1);
    const text = everything(checklist()[0]!);
    expect(text).to.include('Freeze deploys').and.include('Check the PSP status page');
    expect(text, 'the title is escaped: it pings nobody').to.not.include('<!channel>');
    expect(text).to.include('&lt;!channel&gt;');
    for (const other of [e2e.general.id, e2e.announcements, e2e.stakeholders]) {
      expect(e2e.slack.messagesIn(other).filter((m) => /Payments checklist|Freeze deploys/.test(everything(m))), `nothing in ${other}`).to.deep.equal([]);
    }
    expect(draftCards(room.conversationId), 'no draft before the 15 minutes').to.deep.equal([]);
    const entries = (await e2e.timeline(1)).filter((e) => e.kind === 'workflow').map((e) => e.text);
    expect(entries).to.deep.equal([
      'Workflow payments-sev1: invited @payments-oncall (2 people)',
      'Workflow payments-sev1: posted "Payments checklist for INC-1: <!channel> card payments failing" with a checklist of 2',
    ]);

    await timerDue();
    await e2e.settle(60_000);
    expect(draftCards(room.conversationId), 'the draft card, once').to.have.length(1);
    const updates = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1)).id);
    expect(updates.map((u) => [u.audience, u.state]), 'drafted, waiting for approval: nothing published').to.deep.equal([['internal', 'pending_approval']]);
    expect(e2e.slack.messagesIn(e2e.stakeholders).filter((m) => /INC-1\b/.test(everything(m)))).to.deep.equal([]);
    expect(checklist(), 'still one checklist').to.have.length(1);
  });

  it('does nothing for a SEV2 of payments, or a SEV1 of another service', async () => {
    const before = e2e.slack.calls('usergroups.list').length;
    await e2e.command('declare "Slow payments" --sev SEV2 --service payments');
    await e2e.command('declare "Search down" --sev SEV1 --service search');
    await e2e.settle(60_000);
    for (const n of [2, 3]) {
      const room = await e2e.roomOf(n);
      expect(e2e.slack.messagesIn(room.id).filter((m) => /Payments checklist/.test(m.text)), `INC-${n}`).to.deep.equal([]);
      expect(draftCards(room.id)).to.deep.equal([]);
      expect((await e2e.timeline(n)).filter((e) => e.kind === 'workflow')).to.deep.equal([]);
    }
    expect(e2e.slack.calls('usergroups.list').length, 'no group looked up').to.equal(before);
  });

  it('lists the rule with /incident workflows, and says in a room whether it applies', async () => {
    const anywhere = await e2e.command('workflows', ANA);
    const listed = anywhere.text;
    expect(listed).to.include('payments-sev1').and.include('invite @payments-oncall').and.include('after 15m');
    const room = await e2e.roomOf(2);
    const inRoom = (await e2e.command('workflows', ANA, room)).text;
    expect(inRoom).to.include('Does not apply to INC-2: severity is SEV2');
  });
});
