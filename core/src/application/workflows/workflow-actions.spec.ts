import { expect } from 'chai';
import { MusterError } from '../../errors';
import { DEFAULT_SEVERITIES, SeverityCatalog } from '../../domain/severity';
import type { WorkflowRule, WorkflowStep } from '../../domain/workflow';
import { textOf } from '../views/view';
import { WorkflowActions } from './workflow-rules';
import { PAYMENTS_SEV1, workflowScene } from './workflow-scene.spec-helper';

const onDeclare = (name: string, ...steps: Omit<WorkflowStep, 'afterMinutes'>[]): WorkflowRule => ({
  name, trigger: { kind: 'declared' }, conditions: {}, steps: steps.map((s) => ({ ...s, afterMinutes: 0 })),
});

describe('workflow actions', () => {
  it('assign: gives the role as the rule, once, and says so on the timeline', async () => {
    const s = workflowScene([onDeclare('comms', { kind: 'assign', params: { value: 'comms', to: '@carol' } })]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    const incident = await s.incident();
    expect(incident.holdersOf('communications_lead').map((p) => p.id)).to.deep.equal(['carol']);
    expect(await s.workflowEntries()).to.deep.equal(['Workflow comms: made @carol Communications Lead']);
    const roleEntry = (await s.store.repositories.timeline.list(incident.id)).find((e) => e.kind === 'role_change' && e.text.startsWith('carol'));
    expect(roleEntry?.source).to.equal('workflow:comms');
  });

  it('escalate up: one level more severe, and never past the top', async () => {
    const s = workflowScene([onDeclare('up', { kind: 'escalate', params: { value: 'up' } })]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.type('alice', 'declare "All down" --sev SEV1');
    await s.settle();
    expect((await s.incident(1)).severity).to.equal('SEV2');
    expect((await s.incident(2)).severity).to.equal('SEV1');
    expect(await s.workflowEntries(2)).to.deep.equal(['Workflow up: left the severity at SEV1 (already SEV1 or more severe)']);
  });

  it('a retry after a crash finishes the run its first step began, though that step changed what the conditions see', async () => {
    const rule: WorkflowRule = { ...onDeclare('sev2-up', { kind: 'escalate', params: { value: 'up' } }, { kind: 'post', params: { value: 'Raised to {incident.severity}' } }), conditions: { severity: ['SEV2'] } };
    const s = workflowScene([rule]);
    let crashes = 1;
    const gateway = s.gateway;
    gateway.failNext = [];
    const realPost = gateway.post.bind(gateway);
    gateway.post = async (...args) => {
      if (args[2].idempotencyKey.includes('workflow') && crashes-- > 0) throw new Error('connection reset');
      return realPost(...args);
    };
    await s.type('alice', 'declare "Slow checkout" --sev SEV2');
    await s.settle();
    await s.settle();
    expect((await s.incident()).severity).to.equal('SEV1');
    expect(await s.workflowEntries()).to.deep.equal(['Workflow sev2-up: raised the severity to SEV1', 'Workflow sev2-up: posted "Raised to SEV1"']);
  });

  it('escalate to a level: raises to it, and leaves a more severe incident alone', async () => {
    const s = workflowScene([onDeclare('to-sev1', { kind: 'escalate', params: { value: 'SEV1' } })]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    expect((await s.incident()).severity).to.equal('SEV1');
    expect(await s.workflowEntries()).to.deep.equal(['Workflow to-sev1: raised the severity to SEV1']);
  });

  it('invite: names whom it could not find, and invites the others', async () => {
    const s = workflowScene([onDeclare('invite', { kind: 'invite', params: { value: ['@payments-oncall', 'Nobody Here', 'slack:U123'] } })]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    expect(s.invites().filter((ids) => ids.includes('pat'))).to.deep.equal([['pat', 'quinn']]);
    expect(await s.workflowEntries()).to.deep.equal(['Workflow invite: invited @payments-oncall, slack:U123 (2 people); could not find Nobody Here: check the name in muster.yaml']);
  });

  it('remind: posts the reminder in the room after its delay', async () => {
    const s = workflowScene([{ ...onDeclare('remind'), steps: [{ kind: 'remind', params: { value: 'Post an update on {incident.reference}' }, afterMinutes: 30 }] }]);
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.settle();
    s.clock.advance(30);
    await s.flush();
    const reminder = s.gateway.posts.find((p) => p.key.includes('workflow'))!;
    const lead = reminder.view.blocks[0]!;
    expect(lead.type === 'text' && textOf(lead.text)).to.equal('Reminder: Post an update on INC-1');
    expect(reminder.conversation.conversationId).to.equal((await s.room()).conversationId);
  });

  it('post: fills placeholders once, as plain text the renderer escapes, never as markup or a mention', async () => {
    const s = workflowScene([onDeclare('t', { kind: 'post', params: { value: '{incident.title} / {rule.name} / {incident.status}' } })]);
    await s.type('alice', 'declare "<!channel> {rule.name} @everyone" --sev SEV3');
    await s.settle();
    const post = s.gateway.posts.find((p) => p.key.includes('workflow'))!;
    const lead = post.view.blocks[0]!;
    expect(lead.type === 'text' && lead.text, 'one plain string: no mention, no link').to.deep.equal(['<!channel> {rule.name} @everyone / t / triage']);
  });

  it('act in a private incident\'s room only: nothing goes to the announcement channels', async () => {
    const announce = { platform: 'console' as const, workspaceId: 'local', conversationId: 'announce' };
    const s = workflowScene([PAYMENTS_SEV1], { announcementChannels: [announce] });
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments --private');
    await s.settle();
    s.clock.advance(15);
    await s.flush();
    const room = await s.room();
    expect(s.gateway.posts.filter((p) => p.key.includes('workflow')).map((p) => p.conversation.conversationId)).to.deep.equal([room.conversationId, room.conversationId]);
    expect(s.posts('announce').join('\n')).to.not.match(/checklist|Card payments/);
    expect(s.invites().filter((ids) => ids.includes('pat')), 'a workflow is configuration by admins: it may invite').to.have.length(1);
  });

  it('say on the timeline that a room step was not done when the incident opens no room, and still do the others', async () => {
    const noRooms = new SeverityCatalog(DEFAULT_SEVERITIES.map((l) => ({ ...l, createsRoom: l.id !== 'SEV3' })));
    const s = workflowScene([onDeclare('quiet', { kind: 'post', params: { value: 'Hello' } }, { kind: 'escalate', params: { value: 'up' } })], { severities: noRooms });
    await s.type('alice', 'declare "Slow checkout" --sev SEV3');
    await s.flush();
    expect(await s.workflowEntries()).to.deep.equal(['Workflow quiet: did not post "Hello": the incident has no room', 'Workflow quiet: raised the severity to SEV2']);
    expect(s.gateway.posts.filter((p) => p.key.includes('workflow'))).to.deep.equal([]);
  });

  it('refuse at start a step no action does, and parameters an action refuses, naming the rule and field', () => {
    const start = (rule: WorkflowRule) => () => workflowScene([rule]).container.get(WorkflowActions);
    expect(start(onDeclare('x', { kind: 'teleport', params: { value: true } }))).to.throw(MusterError, /^muster\.yaml: workflows\[0\] \(x\)\.do\[0\] is a "teleport" step/);
    expect(start(onDeclare('x', { kind: 'post', params: { value: 'Hi {incident.owner}' } }))).to.throw(MusterError, /workflows\[0\] \(x\)\.do\[0\]\.post uses \{incident\.owner\}/);
    expect(start(onDeclare('x', { kind: 'post', params: { value: 'ok', checklist: ['fine', '{nope}'] } }))).to.throw(MusterError, /do\[0\]\.checklist\[1\] uses an unknown placeholder/);
    expect(start(onDeclare('x', { kind: 'invite', params: { value: [] } }))).to.throw(MusterError, /do\[0\]\.invite must be a list/);
    expect(start(onDeclare('x', { kind: 'assign', params: { value: 'janitor', to: '@a' } }))).to.throw(MusterError, /do\[0\]\.assign must be a role/);
    expect(start(onDeclare('x', { kind: 'assign', params: { value: 'comms' } }))).to.throw(MusterError, /do\[0\]\.to must name the person/);
    expect(start(onDeclare('x', { kind: 'draftUpdate', params: { value: 'everyone' } }))).to.throw(MusterError, /do\[0\]\.draftUpdate must be internal or external/);
    expect(start(onDeclare('x', { kind: 'escalate', params: { value: 'SEV9' } }))).to.throw(MusterError, /do\[0\]\.escalate must be up or a severity/);
  });
});

describe('the workflows command', () => {
  it('lists the rules in plain words, and in an incident room whether each applies to it', async () => {
    const s = workflowScene([PAYMENTS_SEV1, { ...onDeclare('acme-only', { kind: 'post', params: { value: 'hi' } }), tenant: 'acme' }]);
    const outside = await s.type('bob', 'workflows');
    expect(outside.visibility).to.equal('ephemeral');
    const text = (view: typeof outside.view) => view!.blocks.map((b) => (b.type === 'text' || b.type === 'context' ? textOf(b.text) : b.type === 'list' ? b.items.map(textOf).join('\n') : '')).join('\n');
    expect(text(outside.view)).to.include('payments-sev1 — when an incident is declared, if severity is SEV1 and affects payments:');
    expect(text(outside.view)).to.include('invite @payments-oncall');
    expect(text(outside.view)).to.include('draft an internal update for approval (after 15m)');
    expect(text(outside.view), 'another tenant\'s rule is not shown').to.not.include('acme-only');
    await s.type('alice', 'declare "Slow payments" --sev SEV2 --service payments');
    await s.settle();
    const inRoom = await s.type('alice', 'workflows', await s.room());
    expect(text(inRoom.view)).to.include('Does not apply to INC-1: severity is SEV2.');
  });
});
