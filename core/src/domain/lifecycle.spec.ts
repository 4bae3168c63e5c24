import { expect } from 'chai';
import { MusterError } from '../errors';
import { durationsOf, durationTexts } from './durations';
import { allowedTransitions, INCIDENT_STATUSES, type IncidentStatus } from './lifecycle';
import { alice, declared, inStatus, minutes, T0 } from './domain-fixtures.spec-helper';

const EXPECTED: Record<IncidentStatus, IncidentStatus[]> = {
  triage: ['investigating', 'mitigated', 'resolved', 'declined'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['investigating', 'resolved'],
  resolved: ['investigating', 'postmortem', 'closed'],
  postmortem: ['closed'],
  closed: [],
  declined: [],
};

describe('incident lifecycle', () => {
  for (const from of INCIDENT_STATUSES) {
    for (const to of INCIDENT_STATUSES) {
      const allowed = EXPECTED[from].includes(to);
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        const incident = inStatus(from);
        if (allowed) {
          incident.transitionTo(to, alice, minutes(5));
          expect(incident.status).to.equal(to);
          const [event] = incident.pullEvents();
          expect(event).to.include({ type: 'status_changed', from, to });
        } else {
          let error: unknown;
          try { incident.transitionTo(to, alice, minutes(5)); } catch (e) { error = e; }
          expect(error).to.be.instanceOf(MusterError);
          expect((error as MusterError).code).to.equal('invalid_transition');
          expect((error as MusterError).details.allowed).to.deep.equal(allowedTransitions(from));
          expect(incident.status, 'a refused move changes nothing').to.equal(from);
          expect(incident.pullEvents()).to.have.length(0);
        }
      });
    }
  }

  it('names the commands that are possible in the refusal', () => {
    const incident = inStatus('investigating');
    expect(() => incident.transitionTo('closed', alice, T0)).to.throw(/INC-42 is under investigation, so it cannot be closed\. From here you can `mitigate` or `resolve` it\./);
    expect(() => inStatus('mitigated').transitionTo('mitigated', alice, T0)).to.throw(/^INC-42 is already mitigated\. From here you can `reopen` or `resolve` it\.$/);
    expect(() => inStatus('resolved').transitionTo('mitigated', alice, T0)).to.throw(/From here you can `reopen` or `close` it\.$/);
    expect(() => inStatus('closed').transitionTo('investigating', alice, T0)).to.throw(/finished; nothing more can change/);
  });

  it('stamps milestones and derives time to acknowledge, mitigate and resolve from detection', () => {
    const incident = declared({ detectedAt: minutes(-10) });
    incident.transitionTo('investigating', alice, minutes(2));
    incident.transitionTo('mitigated', alice, minutes(20));
    incident.transitionTo('resolved', alice, minutes(50));
    const m = incident.snapshot().milestones;
    expect(m.detected).to.deep.equal(minutes(-10));
    expect(m.declared).to.deep.equal(T0);
    expect(m.acknowledged).to.deep.equal(minutes(2));
    expect(m.mitigated).to.deep.equal(minutes(20));
    expect(m.resolved).to.deep.equal(minutes(50));
  });

  it('resolving straight from triage records neither an acknowledgement nor a mitigation', () => {
    const incident = declared();
    incident.transitionTo('resolved', alice, minutes(7));
    const m = incident.snapshot().milestones;
    expect(m.acknowledged, 'nobody acknowledged').to.equal(undefined);
    expect(m.mitigated, 'it was not separately mitigated').to.equal(undefined);
    expect(durationTexts(m, 'resolved')).to.deep.equal({ acknowledge: 'not acknowledged', mitigate: 'not separately mitigated', resolve: '7m 00s' });
    incident.transitionTo('investigating', alice, minutes(9));
    expect(incident.snapshot().milestones.acknowledged, 'a reopen is no acknowledgement').to.equal(undefined);
  });

  it('keeps the first mitigation when a reopened incident is mitigated again', () => {
    const incident = declared();
    incident.transitionTo('investigating', alice, minutes(1));
    incident.transitionTo('mitigated', alice, minutes(5));
    incident.transitionTo('investigating', alice, minutes(8));
    incident.transitionTo('mitigated', alice, minutes(30));
    expect(incident.snapshot().milestones.mitigated).to.deep.equal(minutes(5));
    expect(durationsOf(incident.snapshot().milestones).timeToMitigate).to.equal(5 * 60_000);
  });

  it('a reopen clears the resolution so time to resolve runs to the next one', () => {
    const incident = declared();
    incident.transitionTo('investigating', alice, minutes(1));
    incident.transitionTo('resolved', alice, minutes(10));
    incident.transitionTo('investigating', alice, minutes(15));
    expect(incident.snapshot().milestones.resolved).to.equal(undefined);
    expect(incident.snapshot().milestones.acknowledged, 'acknowledgement is history').to.deep.equal(minutes(1));
    incident.transitionTo('resolved', alice, minutes(40));
    expect(incident.snapshot().milestones.resolved).to.deep.equal(minutes(40));
  });

  it('declining a false alarm closes it', () => {
    const incident = declared();
    incident.transitionTo('declined', alice, minutes(3));
    expect(incident.snapshot().milestones.closed).to.deep.equal(minutes(3));
    expect(incident.isOpen).to.equal(false);
  });
});
