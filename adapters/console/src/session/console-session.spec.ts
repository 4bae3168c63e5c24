import { expect } from 'chai';
import { createConsoleHarness } from '../testing/console-harness';

/** What a responder sees, end to end: the real core application behind a real console session. */
describe('ConsoleSession: an incident from declaration to postmortem', () => {
  it('declares from #general, opens the incident room with its card, and takes the session into it', async () => {
    const h = createConsoleHarness();
    const printed = await h.script('/incident declare "Checkout errors" --sev SEV1');
    expect(printed).to.contain('[#general] 🚨 INC-1 declared: Checkout errors (SEV1) by @you. Opening its room now…');
    expect(printed).to.contain('📣 Room #inc-1-checkout-errors opened\n→ You are in #inc-1-checkout-errors now');
    expect(printed).to.contain('[#inc-1-checkout-errors]\n  INC-1 · SEV1 · Checkout errors\n');
    expect(printed).to.match(/Incident Commander: +@you/);
    expect(printed).to.contain('[1] Acknowledge  [2] Mitigated  [3] Change severity  [4] Assign role  [5] Resolve');
    expect(printed).to.contain('[#general] 🚨 INC-1 has its room: #inc-1-checkout-errors.');
    expect(await h.script(':whoami')).to.contain('You are @you, in #inc-1-checkout-errors.');
  });

  it('hands over command, refuses a responder without a role, lets the commander resolve, and prints the postmortem with the chat and the durations', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1');

    h.clock.advanceMinutes(5);
    const roles = await h.script('/incident assign commander @sre-lead', ':as @sre-lead /incident assign ops @responder-1', ':as @sre-lead /incident ack');
    expect(roles).to.contain('@sre-lead is now Incident Commander on INC-1 (assigned by @you).');
    expect(roles).to.contain('@responder-1 is now Operations Lead on INC-1 (assigned by @sre-lead).');
    expect(roles).to.contain('INC-1 is now acknowledged and under investigation (by @sre-lead). Time to acknowledge: 5m 00s.');

    const refused = await h.script(':as @responder-2 the connection pool is exhausted', ':as @responder-2 /incident resolve');
    expect(refused).to.contain('⚠ Only the Incident Commander or Operations Lead can resolve on INC-1. Ask sre-lead, the Incident Commander,');
    expect(refused).not.to.contain('is now resolved');

    h.clock.advanceMinutes(20);
    const resolved = await h.script(':as @sre-lead /incident resolve');
    expect(resolved).to.contain('✔ INC-1 is now resolved (by @sre-lead). Time to resolve: 25m 00s.');
    expect(resolved).to.contain('↻ Card updated: INC-1 · SEV1 · Checkout errors — 🟢 Resolved');
    expect(resolved).to.contain('📝 The postmortem for INC-1 is ready');

    const postmortem = await h.script(':as @sre-lead /incident postmortem');
    expect(postmortem).to.contain('Postmortem · INC-1 · Checkout errors');
    expect(postmortem).to.contain('──── INC-1-postmortem.md');
    expect(postmortem).to.contain('# Postmortem: INC-1 Checkout errors');
    expect(postmortem).to.contain('| Time to acknowledge | 5m 00s |');
    expect(postmortem).to.contain('| Time to resolve | 25m 00s |');
    expect(postmortem).to.contain('- **Incident Commander**: sre-lead');
    expect(postmortem).to.contain('**message** responder-2: the connection pool is exhausted');
    expect(postmortem).to.contain('**status change** sre-lead: Status investigating → resolved.');
  });

  it('approves a drafted stakeholder update with :press, after confirming, and publishes it in the room', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1', 'Payments are timing out for EU customers');
    const drafted = await h.script('/incident update');
    expect(drafted).to.contain('Internal update for INC-1');
    expect(drafted).to.contain('[1] Approve & publish  [2] Edit  [3] Reject');

    const declined = await h.script(':press 1', 'n');
    expect(declined).to.contain('Not pressed: Approve & publish.');

    const refused = await h.script(':as @responder-2 :press 1');
    expect(refused).to.contain('⚠ Only the Incident Commander or Communications Lead can approve stakeholder updates on INC-1.');
    expect(refused, 'refused before being asked to confirm').not.to.contain('y/n');

    const approved = await h.script(':press 1', 'y');
    expect(approved).to.contain('Publish this internal update? y/n › y');
    expect(approved).to.contain('✅ Approved by @you; publishing…');
    expect(approved).to.match(/\[#inc-1-checkout-errors\]\n {2}INC-1 · SEV1 · Checkout errors — triage\n/);

    const timeline = await h.script('/incident timeline');
    expect(timeline).to.contain('Internal update published to #inc-1-checkout-errors, approved by you');
    expect(timeline).to.contain('Payments are timing out for EU customers');
  });

  it('asks for the declare form when no title is given, and refuses an empty title right there', async () => {
    const h = createConsoleHarness();
    const printed = await h.script('/incident declare', '', 'Checkout errors', '1', 'checkout, payments', '', 'n');
    expect(printed).to.contain('📝 Declare an incident');
    expect(printed).to.contain('1) SEV1 · Critical');
    expect(printed).to.contain('This is required: at least 3 characters.');
    expect(printed.match(/^What is wrong\?/gm), 'asked once, the answer asked again in place').to.have.length(1);
    expect(printed.match(/^Severity/gm)).to.have.length(1);
    expect(printed).to.contain('[#general] 🚨 INC-1 declared: Checkout errors (SEV1) by @you.');
    expect(printed).to.match(/Services: +checkout, payments/);
  });

  it('re-asks a form answer the widget could not take, and lets the user cancel a form', async () => {
    const h = createConsoleHarness();
    const printed = await h.script('/incident declare', 'Checkout errors', '7', ':cancel', '/incident status INC-1');
    expect(printed).to.contain('Type a number from 1 to 3.');
    expect(printed).to.contain('Form cancelled; nothing was sent.');
    expect(printed).not.to.contain('INC-1 declared');
  });

  it('fills the assign-role form from the card\'s button, with a person asked for by handle', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1');
    const printed = await h.script(':press 4', '2', '@Comms Lead', '@comms-lead');
    expect(printed).to.contain('@Comms Lead is not a handle');
    expect(printed).to.contain('@comms-lead is now Communications Lead on INC-1 (assigned by @you).');
  });
});
