import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoSecretIn } from '@muster/plugin-sdk/testing';
import { fixture as alertmanager } from '@muster/plugin-alertmanager/fixtures';
import { dedupKeyOf } from '@muster/server';
import { ANA, BOB } from '../slack/harness';
import type { SlackChannel } from '../slack/slack-payloads';
import { DANA, googleMeet, opsgenie, pagerDuty, startIntegrations, teamsMeeting, zoom, type BridgeRig, type IntegrationRig, type PagingRig } from './integration-rig';

/** The card as Slack holds it: its text and blocks, links included. */
async function cardOf(rig: IntegrationRig): Promise<string> {
  const room = await rig.e2e.roomOf(1);
  const [pin] = rig.e2e.slack.channel(room.id)?.pins ?? [];
  const card = rig.e2e.slack.messagesIn(room.id).find((m) => m.ts === pin);
  return JSON.stringify(card?.blocks ?? []);
}

const CONFIGURATIONS: { readonly name: string; readonly paging: () => Promise<PagingRig>; readonly bridge: () => Promise<BridgeRig> }[] = [
  { name: 'PagerDuty, Jira, Zoom, Statuspage', paging: pagerDuty, bridge: zoom },
  { name: 'Opsgenie, Jira, Google Meet, Statuspage', paging: opsgenie, bridge: googleMeet },
  { name: 'Opsgenie, Jira, a Teams meeting, Statuspage', paging: opsgenie, bridge: teamsMeeting },
];

/**
 * Issue 11's "Done when", on the real server against the vendors' fakes: an Alertmanager firing for
 * checkout declares a SEV1 with its Slack channel, pages the on-call and invites them, opens the Jira
 * issue, starts the bridge, posts the runbook, and the card carries all four links; only an approved
 * external update reaches Statuspage; resolving resolves the page, moves the Jira issue to Done and
 * resolves the public incident. Redelivered webhooks and repeated work create nothing twice.
 */
for (const configuration of CONFIGURATIONS) {
  describe(`Slack e2e: integrations out (${configuration.name})`, function () {
    this.timeout(180_000);
    let rig: IntegrationRig;
    let room: SlackChannel;
    let key: string;

    before(async () => {
      rig = await startIntegrations(await configuration.paging(), await configuration.bridge());
    });
    after(() => rig?.stop());

    it('declares SEV1 for checkout from the firing alert and, once settled, has paged, ticketed, bridged and posted the runbook, each once', async () => {
      const firing = alertmanager('firing');
      expect((await rig.alert(firing)).status).to.equal(200);
      expect((await rig.alert(firing)).status, 'the same notification redelivered').to.equal(200);
      await rig.e2e.settle();
      const incident = await rig.e2e.incident(1);
      expect(incident.severity).to.equal('SEV1');
      expect(incident.snapshot().services).to.deep.equal(['checkout']);
      room = await rig.e2e.roomOf(1);
      key = dedupKeyOf(incident.id, 'checkout');

      const pages = rig.paging.pages();
      expect(pages.map((p) => p.key), 'one page, under Muster\'s dedup key').to.deep.equal([key]);
      expect(rig.e2e.slack.channel(room.id)?.members, 'the paged on-call is invited by email').to.include(DANA.id);
      expect(rig.jira.state.issues, 'one Jira issue').to.have.length(1);
      expect(rig.jira.state.issues[0]!.summary).to.match(/^\[INC-1\] /);
      expect(rig.bridge.meetings(), 'one meeting').to.have.length(1);
      const runbook = rig.e2e.postsMentioning(room.id, 'Check the payment gateway dashboard first.');
      expect(runbook, 'the runbook\'s first section, once').to.have.length(1);
      expect(JSON.stringify(runbook[0]!.blocks)).to.not.include('Not part of the first section');
      expect(rig.statuspage.incidents.size, 'nothing public before an approved update').to.equal(0);
    });

    it('shows the page, the ticket, the meeting and the runbook as links on the pinned card', async () => {
      const card = await cardOf(rig);
      const issue = rig.jira.state.issues[0]!;
      expect(card).to.include(`${rig.jira.url}/browse/${issue.key}`);
      expect(card).to.include(rig.bridge.meetings()[0]!.joinUrl);
      expect(card).to.include('https://wiki.example.com/checkout');
      expect(card).to.include(`${rig.paging.name} page`);
      expect(card).to.include(`paged ${rig.paging.pagedAs}`);
      const statuses = (await rig.e2e.incident(1)).integrations.map((s) => [s.kind, s.state]);
      expect(statuses).to.deep.include.members([['page', 'done'], ['ticket', 'done'], ['conference', 'done'], ['runbook', 'done']]);
    });

    it('shows that the on-call acknowledged at the vendor, once however often the webhook comes', async () => {
      expect((await rig.paging.acknowledge(rig.e2e, key)).status).to.equal(200);
      await rig.e2e.settle();
      const page = (await rig.e2e.incident(1)).integrations.find((s) => s.kind === 'page')!;
      expect(page.state).to.equal('acknowledged');
      expect(await cardOf(rig)).to.include('acknowledged');
      const acknowledged = (await rig.e2e.timeline(1)).filter((e) => e.kind === 'integration' && /acknowledged/.test(e.text));
      expect(acknowledged).to.have.length(1);
      let second: unknown;
      await rig.e2e.incident(2).catch((error: unknown) => { second = error; });
      expect(String(second), 'the vendor\'s webhook about Muster\'s own page declares nothing').to.include('INC-2 does not exist');
    });

    it('publishes to Statuspage only the external update a person approved, never the draft', async () => {
      expect((await rig.e2e.command(`assign commander <@${ANA.id}|${ANA.name}>`, ANA, room)).status).to.equal(200);
      await rig.e2e.command('update external', ANA, room);
      await rig.e2e.settle();
      const [draft] = rig.e2e.postsMentioning(room.id, 'External update for INC-1');
      expect(draft, 'the draft in the room').to.not.equal(undefined);
      expect(rig.statuspage.incidents.size, 'a draft is not published').to.equal(0);
      await rig.e2e.click(draft!, 'update.approve', BOB, room);
      await rig.e2e.settle();
      expect(rig.statuspage.incidents.size, 'someone without the role cannot approve it out').to.equal(0);
      expect((await rig.e2e.click(draft!, 'update.approve', ANA, room)).status).to.equal(200);
      await rig.e2e.settle();
      const [published] = [...rig.statuspage.incidents.values()];
      expect(rig.statuspage.incidents.size).to.equal(1);
      expect(published!.status).to.not.equal('resolved');
      expect(rig.statuspage.componentStatus.get('cmpcheckout1')).to.equal('major_outage');
      const [update] = await rig.e2e.store.repositories.statusUpdates.listByIncident((await rig.e2e.incident(1)).id);
      expect(published!.incident_updates.map((u) => u.body)).to.include(update!.body);
    });

    it('resolving resolves the page, moves the Jira issue to Done and resolves the public incident, each once', async () => {
      expect((await rig.e2e.command('resolve', ANA, room)).status).to.equal(200);
      await rig.e2e.settle();
      expect(rig.paging.pages().map((p) => p.open), 'the page is closed at the vendor').to.deep.equal([false]);
      expect(rig.jira.state.issues.map((i) => i.status)).to.deep.equal(['Done']);
      const [published] = [...rig.statuspage.incidents.values()];
      expect(published!.status).to.equal('resolved');
      expect(rig.statuspage.componentStatus.get('cmpcheckout1')).to.equal('operational');
      expect(rig.jira.state.issues, 'still one issue').to.have.length(1);
      expect(rig.bridge.meetings(), 'still one meeting').to.have.length(1);
      expect((await rig.e2e.command('postmortem', ANA, room)).status).to.equal(200);
      await rig.e2e.settle();
      const [document] = rig.e2e.slack.filesIn(room.id);
      expect(document?.content, 'the postmortem links the ticket and the meeting').to.include(`${rig.jira.url}/browse/${rig.jira.state.issues[0]!.key}`).and.include(rig.bridge.meetings()[0]!.joinUrl);
    });

    it('puts no credential of any plugin in the server log, the timeline, the card or any Slack message', async () => {
      const seen = [
        readFileSync(join(rig.e2e.dir, 'server.log'), 'utf8'),
        JSON.stringify(await rig.e2e.timeline(1)),
        JSON.stringify((await rig.e2e.incident(1)).integrations),
        ...rig.e2e.slack.channelIds().flatMap((id) => rig.e2e.slack.messagesIn(id).map((m) => JSON.stringify(m))),
      ].join('\n');
      expect(rig.secrets.length).to.be.greaterThan(4);
      assertNoSecretIn(seen, rig.secrets);
    });
  });
}
