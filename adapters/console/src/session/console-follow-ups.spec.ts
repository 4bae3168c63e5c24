import { expect } from 'chai';
import { createConsoleHarness } from '../testing/console-harness';

/** The follow-up commands as a responder types them in the console, over the real core application. */
describe('ConsoleSession: list, follow-ups and postmortem editing', () => {
  it('lists the incidents each person may see: a private one only for its participants', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1', ':join #general', '/incident declare "Payroll breach" --private', ':join #general');
    h.clock.advanceMinutes(12);
    const outsider = await h.script(':as @eve /incident list all');
    expect(outsider).to.contain('• INC-1 · SEV1 · triage · Checkout errors · 12m 00s ago · #inc-1-checkout-errors');
    expect(outsider).not.to.contain('Payroll').and.not.to.contain('INC-2').and.not.to.contain('more');
    const declarer = await h.script('/incident list');
    expect(declarer).to.match(/• INC-2 · SEV3 · triage · Payroll breach · 12m 00s ago · 🔒 · #inc-2-payroll-breach\n• INC-1 · SEV1/);
    expect(await h.script('/incident list --sev SEV9')).to.contain('There is no severity “SEV9”');
  });

  it('lists follow-ups with numbers, marks one done with its button, reassigns one, and closes saying which are open', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1', '/incident action Add an alert on latency @bob');
    h.clock.advanceMinutes(1);
    await h.script('/incident action Write the runbook');
    const list = await h.script('/incident actions');
    expect(list).to.contain('1. ⬜ Add an alert on latency — owner @bob\n  2. ⬜ Write the runbook — no owner\n  [1] Done 1  [2] Done 2');
    expect(await h.script(':press 1')).to.contain('✅ Follow-up 1 on INC-1 is done: Add an alert on latency');
    expect(await h.script(':as @carol /incident actions assign 2 @dave')).to.contain('@dave now owns follow-up 2 on INC-1: Write the runbook');
    expect(await h.script('/incident actions done 7')).to.contain('INC-1 has no follow-up 7: its follow-ups are numbered 1 to 2');
    const closed = await h.script('/incident resolve', '/incident close');
    expect(closed).to.contain('INC-1 is now closed (by @you).\n  ⚠ 1 follow-up is still open; they stay on the list after the incident closes:\n  • ⬜ Write the runbook — owner @dave');
    expect(await h.script('/incident timeline')).to.contain('Status resolved → closed: 1 follow-up still open.');
  });

  it('edits a postmortem section from its Edit button with a prompt, then starts and finishes the postmortem stage', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1', '/incident resolve');
    const shown = await h.script('/incident postmortem');
    expect(shown).to.contain('Summary (draft from the timeline)\n  Checkout errors (SEV1) is resolved.\n  [1] Edit Summary\n  Impact\n  To be written.\n  [2] Edit Impact');
    const edited = await h.script(':as @bob :press 1', 'Checkout failed for EU cards for 40 minutes.');
    expect(edited).to.contain('Summary (Markdown) (optional) [Enter keeps: Checkout errors (SEV1) is resolved.]');
    expect(edited).to.contain('📝 Summary of the INC-1 postmortem saved by @bob.');
    const after = await h.script('/incident postmortem');
    expect(after).to.contain('  Summary\n  Checkout failed for EU cards for 40 minutes.').and.not.contain('Summary (draft from the timeline)');
    expect(after).to.contain('**note** bob: Postmortem section "Summary" edited.');

    expect(await h.script(':as @bob /incident postmortem start')).to.contain('⚠ Only the Incident Commander');
    expect(await h.script('/incident postmortem start')).to.contain('📝 INC-1 is in its postmortem stage (by @you).');
    expect(await h.script('/incident postmortem done')).to.contain('✅ The postmortem of INC-1 is reviewed (by @you).');
    expect(await h.script('/incident postmortem')).to.contain('State:               reviewed');
    expect(await h.script('/incident close')).to.contain('INC-1 is now closed (by @you).');
  });
});
