import { expect } from 'chai';
import type { WorkflowRule, WorkflowTrigger, WorkflowConditions } from '../../domain/workflow';
import { AlertIntake } from '../services/alert-intake';
import { alertmanager, firing } from '../services/alert-intake.spec-helper';
import { StatusUpdates } from '../services/status-updates';
import { workflowScene } from './workflow-scene.spec-helper';

const posting = (trigger: WorkflowTrigger, conditions: WorkflowConditions = {}, text = 'Heard it'): WorkflowRule => ({
  name: 'heard', trigger, conditions, steps: [{ kind: 'post', params: { value: text }, afterMinutes: 0 }],
});
const heard = (s: ReturnType<typeof workflowScene>) => s.gateway.posts.filter((p) => p.key.includes('workflow')).map((p) => p.view.fallback);

describe('workflow triggers', () => {
  it('severity_changed: runs when the severity moves to a listed level, not for another', async () => {
    const s = workflowScene([posting({ kind: 'severity_changed' }, { severity: ['SEV1'] }, 'Now {incident.severity}')]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    await s.type('alice', 'sev SEV2', await s.room());
    await s.settle();
    expect(heard(s)).to.deep.equal([]);
    await s.type('alice', 'sev SEV1', await s.room());
    await s.settle();
    expect(heard(s)).to.deep.equal(['Now SEV1']);
  });

  it('status_changed: runs for the listed status only', async () => {
    const s = workflowScene([posting({ kind: 'status_changed' }, { status: ['mitigated'] }, 'Mitigated: check the graphs')]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    await s.type('alice', 'ack', await s.room());
    await s.settle();
    expect(heard(s)).to.deep.equal([]);
    await s.type('alice', 'mitigate', await s.room());
    await s.settle();
    expect(heard(s)).to.deep.equal(['Mitigated: check the graphs']);
  });

  it('role_assigned: runs for each assignment, the declaration\'s commander included, and hears where it came from', async () => {
    const s = workflowScene([posting({ kind: 'role_assigned' }, { source: ['console'] }, 'Roles changed')]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    await s.type('alice', 'assign comms @carol', await s.room());
    await s.settle();
    expect(heard(s)).to.deep.equal(['Roles changed', 'Roles changed']);
  });

  it('update_published: runs once a person approved the update and it went out, never for a draft', async () => {
    const s = workflowScene([posting({ kind: 'update_published' }, {}, 'Update is out; next one in 30 minutes')]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    await s.type('alice', 'update internal', await s.room());
    await s.settle();
    expect(heard(s), 'a draft is not a publication').to.deep.equal([]);
    const [draft] = await s.store.repositories.statusUpdates.listByIncident((await s.incident()).id);
    await s.container.get(StatusUpdates).approve(s.ctx('alice', await s.room()), draft!.id, draft!.version);
    await s.settle();
    await s.settle();
    expect(heard(s)).to.deep.equal(['Update is out; next one in 30 minutes']);
  });

  it('alert_received: runs for an alert whose labels match, with the alert source as the source', async () => {
    const rule = posting({ kind: 'alert_received' }, { labels: { team: 'payments' }, source: ['alertmanager'] }, 'Alert for payments');
    const s = workflowScene([rule], { homePlatform: 'console', homeWorkspaceId: 'local' });
    const intake = s.container.get(AlertIntake);
    await intake.ingest(alertmanager(), [firing('checkout', { labels: { team: 'web' } })]);
    await s.settle();
    expect(heard(s)).to.deep.equal([]);
    const signal = firing('checkout', { labels: { team: 'payments', env: 'prod' } });
    await intake.ingest(alertmanager(), [signal]);
    await intake.ingest(alertmanager(), [signal]);
    await s.settle();
    expect(heard(s), 'the redelivered alert hears nothing').to.deep.equal(['Alert for payments']);
    await intake.ingest(alertmanager(), [firing('checkout', { labels: { team: 'payments' }, deliveryId: 'd'.repeat(200) })]);
    await s.settle();
    expect(heard(s), 'a long delivery id still makes a key the store takes').to.have.length(2);
    expect(Math.max(...s.runs().map((r) => r.idempotencyKey.length))).to.be.below(200);
  });

  it('elapsed: runs N minutes after the event when its conditions still hold then', async () => {
    const rule: WorkflowRule = {
      name: 'no-comms', trigger: { kind: 'elapsed', since: 'declared', minutes: 30 }, conditions: { roleVacant: 'communications_lead' },
      steps: [{ kind: 'remind', params: { value: 'Nobody is Communications Lead on {incident.reference} yet' }, afterMinutes: 0 }],
    };
    const s = workflowScene([rule]);
    await s.type('alice', 'declare "One" --sev SEV3');
    await s.type('alice', 'declare "Two" --sev SEV3');
    await s.settle();
    await s.type('alice', 'assign comms @carol', await s.room(2));
    s.clock.advance(28);
    await s.flush();
    expect(heard(s)).to.deep.equal([]);
    s.clock.advance(1);
    await s.flush();
    expect(heard(s), 'only the incident still without one').to.deep.equal(['Nobody is Communications Lead on INC-1 yet']);
    expect(await s.workflowEntries(2)).to.deep.equal([]);
  });

  it('declared: a rule naming another tenant leaves this tenant\'s incidents alone', async () => {
    const s = workflowScene([{ ...posting({ kind: 'declared' }), tenant: 'acme' }, { ...posting({ kind: 'declared' }, {}, 'Everyone'), name: 'everyone' }]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    expect(heard(s)).to.deep.equal(['Everyone']);
  });
});
