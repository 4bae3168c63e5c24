import { expect } from 'chai';
import { newActionItem } from './action-item';
import { formatDuration } from './durations';
import { applyNarrativeDraft, editPostmortemSection, emptyPostmortem, renderPostmortemMarkdown } from './postmortem';
import { timelineEntry } from './timeline';
import { alice, bob, declared, minutes, T0 } from './domain-fixtures.spec-helper';

describe('postmortem', () => {
  const resolvedIncident = () => {
    const incident = declared();
    incident.transitionTo('investigating', alice, minutes(4));
    incident.transitionTo('mitigated', alice, minutes(30));
    incident.transitionTo('resolved', alice, minutes(75));
    return incident;
  };

  it('renders the facts, the durations, people, narrative, action items and the whole timeline as Markdown', () => {
    const incident = resolvedIncident();
    const timeline = [
      timelineEntry({ id: '1', incidentId: 'inc-1', kind: 'message', occurredAt: minutes(10), recordedAt: minutes(10), actor: bob, source: 'slack', text: 'Rolling back deploy 1234', idempotencyKey: 'a', highlighted: true }),
      timelineEntry({ id: '2', incidentId: 'inc-1', kind: 'message', occurredAt: minutes(11), recordedAt: minutes(11), actor: bob, source: 'slack', text: '# not a heading <script>', idempotencyKey: 'b' }),
    ];
    const pm = applyNarrativeDraft(emptyPostmortem('pm', 'inc-1', T0), { summary: 'A bad deploy broke checkout.' }, 'ai', minutes(80));
    const md = renderPostmortemMarkdown({
      incident: incident.snapshot(), postmortem: pm, timeline,
      actionItems: [newActionItem({ id: 'a1', incidentId: 'inc-1', text: 'Add a canary stage', owner: bob, createdBy: alice, at: minutes(60) })],
      roleLabels: { commander: 'Incident Commander' },
    });
    expect(md).to.match(/^# Postmortem: INC-42 Checkout errors/);
    expect(md).to.include('| Time to acknowledge | 4m 00s |');
    expect(md).to.include('| Time to mitigate | 30m 00s |');
    expect(md).to.include('| Time to resolve | 1h 15m |');
    expect(md).to.include('- **Incident Commander**: alice');
    expect(md).to.include('A bad deploy broke checkout.');
    expect(md).to.include('## Summary _(AI draft)_');
    expect(md).to.include('Review them before publishing.');
    expect(md, 'sections nobody drafted carry no mark').to.include('## Impact\n');
    expect(md).to.include('- [ ] Add a canary stage (owner: bob)');
    expect(md).to.include('⭐ **message** bob: Rolling back deploy 1234');
    expect(md, 'user text cannot become a heading or HTML').to.include('bob: \\# not a heading &lt;script&gt;');
  });

  it('a regenerated draft never overwrites a section a person wrote', () => {
    let pm = emptyPostmortem('pm', 'inc-1', T0);
    pm = editPostmortemSection(pm, 'impact', 'EU checkout down for 70 minutes.', minutes(1));
    pm = applyNarrativeDraft(pm, { impact: 'AI guess', summary: 'AI summary' }, 'ai', minutes(2));
    expect(pm.sections.find((s) => s.key === 'impact')).to.include({ body: 'EU checkout down for 70 minutes.', origin: 'human' });
    expect(pm.sections.find((s) => s.key === 'summary')).to.include({ body: 'AI summary', origin: 'ai' });
  });

  it('counts revisions of each section and remembers who edited it, so a stale edit can name them', () => {
    let pm = emptyPostmortem('pm', 'inc-1', T0);
    pm = applyNarrativeDraft(pm, { summary: 'AI summary' }, 'ai', minutes(1));
    expect(pm.sections.find((s) => s.key === 'summary')).to.include({ revision: 1 }).and.not.have.property('editedBy');
    expect(pm.sections.find((s) => s.key === 'impact')!.revision, 'untouched sections keep theirs').to.equal(undefined);
    pm = editPostmortemSection(pm, 'summary', '  Checkout failed.  ', minutes(2), bob);
    expect(pm.sections.find((s) => s.key === 'summary')).to.deep.include({ body: 'Checkout failed.', origin: 'human', revision: 2, editedBy: bob });
    pm = applyNarrativeDraft(pm, { summary: 'AI again' }, 'ai', minutes(3));
    expect(pm.sections.find((s) => s.key === 'summary')!.revision, 'a draft that changes nothing counts nothing').to.equal(2);
  });

  it('formats durations for people', () => {
    expect(formatDuration(undefined)).to.equal('—');
    expect(formatDuration(45_000)).to.equal('45s');
    expect(formatDuration(125_000)).to.equal('2m 05s');
    expect(formatDuration(3_900_000)).to.equal('1h 05m');
    expect(formatDuration(90_000_000)).to.equal('1d 1h 00m');
  });
});
