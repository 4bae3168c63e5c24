import { expect } from 'chai';
import type { View } from '../views/view';
import { textOf } from '../views/view';
import type { OutboxHandler } from '../outbox/outbox-handler';
import { WorkflowSubscriber } from './workflow-subscriber';
import { PAYMENTS_SEV1, workflowScene } from './workflow-scene.spec-helper';
import type { OutboxMessage } from '../ports/outbox.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import type { Repositories } from '../ports/unit-of-work.port';

const updates = async (s: ReturnType<typeof workflowScene>) => s.store.repositories.statusUpdates.listByIncident((await s.incident()).id);
const listItems = (view: View) => view.blocks.flatMap((b) => (b.type === 'list' ? b.items.map(textOf) : []));

describe('workflow engine: the payments SEV1 example', () => {
  it('invites the on-call group once, posts the checklist once in the room, and drafts an internal update after 15 minutes, unpublished', async () => {
    const s = workflowScene([PAYMENTS_SEV1]);
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments');
    await s.settle();
    const room = await s.room();
    expect(s.invites().filter((ids) => ids.includes('pat')), 'the group members, once').to.deep.equal([['pat', 'quinn']]);
    const checklist = s.gateway.posts.filter((p) => p.view.fallback.startsWith('Payments checklist'));
    expect(checklist).to.have.length(1);
    expect(checklist[0]!.conversation.conversationId).to.equal(room.conversationId);
    const lead = checklist[0]!.view.blocks[0]!;
    expect(lead.type === 'text' && textOf(lead.text)).to.equal('Payments checklist for INC-1:');
    expect(listItems(checklist[0]!.view)).to.deep.equal(['☐ Freeze deploys', '☐ Check the PSP status page']);
    expect(await s.workflowEntries()).to.deep.equal([
      'Workflow payments-sev1: invited @payments-oncall (2 people)',
      'Workflow payments-sev1: posted "Payments checklist for INC-1:" with a checklist of 2',
    ]);
    expect(await updates(s), 'no draft before the 15 minutes').to.have.length(0);

    s.clock.advance(13);
    await s.flush();
    expect(await updates(s)).to.have.length(0);
    s.clock.advance(1);
    await s.flush();
    const drafts = await updates(s);
    expect(drafts.map((u) => [u.audience, u.state])).to.deep.equal([['internal', 'pending_approval']]);
    const workflowPosts = s.gateway.posts.filter((p) => p.key.includes('workflow'));
    expect(workflowPosts.map((p) => p.key.endsWith(':card') ? 'draft card' : 'checklist'), 'the checklist and the draft card, once each').to.deep.equal(['checklist', 'draft card']);
    expect(workflowPosts.every((p) => p.conversation.conversationId === room.conversationId), 'nothing posted outside the room').to.equal(true);
    expect((await s.workflowEntries()).at(-1)).to.equal('Workflow payments-sev1: asked for an internal update draft (it waits for approval in the room)');
    const declaredAt = (await s.incident()).snapshot().createdAt.getTime();
    expect(s.runs().map((r) => r.idempotencyKey.split(':+')[1]), 'one run per delay').to.deep.equal(['0', '15']);
    expect(s.runs()[1]!.availableAt.getTime() - declaredAt, 'the timer: due 15 minutes after the declaration').to.equal(15 * 60_000);
  });

  it('does nothing for a SEV2, or a SEV1 of another service', async () => {
    const s = workflowScene([PAYMENTS_SEV1]);
    await s.type('alice', 'declare "Slow payments" --sev SEV2 --service payments');
    await s.type('alice', 'declare "Login down" --sev SEV1 --service auth');
    await s.settle();
    s.clock.advance(30);
    await s.flush();
    expect(s.runs()).to.have.length(0);
    expect(s.invites().flat()).to.not.include('pat');
    expect(await s.workflowEntries(1)).to.deep.equal([]);
    expect(await s.workflowEntries(2)).to.deep.equal([]);
  });

  it('drafts nothing when the incident is resolved before the 15 minutes are over', async () => {
    const s = workflowScene([PAYMENTS_SEV1]);
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments');
    await s.settle();
    await s.type('alice', 'resolve', await s.room());
    s.clock.advance(20);
    await s.flush();
    expect(await updates(s)).to.have.length(0);
    expect(s.logs).to.include('A workflow run was skipped');
    expect(await s.workflowEntries(), 'only the two steps that ran at once').to.have.length(2);
  });

  it('drafts nothing when the severity dropped meanwhile: the conditions are checked again when the timer fires', async () => {
    const s = workflowScene([PAYMENTS_SEV1]);
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments');
    await s.settle();
    await s.type('alice', 'sev SEV3', await s.room());
    s.clock.advance(20);
    await s.flush();
    expect(await updates(s)).to.have.length(0);
  });

  it('runs once for a redelivered event: the same change heard twice enqueues one run per delay', async () => {
    const s = workflowScene([PAYMENTS_SEV1]);
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments');
    const incident = await s.incident();
    const event = { type: 'declared' as const, at: incident.snapshot().createdAt, by: incident.snapshot().declaredBy, severity: 'SEV1', title: incident.title };
    const again = s.container.get(WorkflowSubscriber).effectsOf(event, incident, { source: 'console', platform: 'console', workspaceId: 'local' }, s.clock.now());
    await s.store.repositories.outbox.enqueue(again);
    expect(s.runs()).to.have.length(2);
    await s.settle();
    expect(s.invites().filter((ids) => ids.includes('pat'))).to.have.length(1);
  });

  it('invites and posts once when the handler runs the same message twice, or crashes between the step and its record', async () => {
    const s = workflowScene([PAYMENTS_SEV1]);
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments');
    await s.settle();
    const run = s.runs()[0]!;
    const handler = s.container.getAll<OutboxHandler>(TOKENS.OutboxHandler).find((h) => h.topic === 'workflow.run')!;
    await handler.handle(run.payload as never, run as unknown as OutboxMessage);
    expect(s.invites().filter((ids) => ids.includes('pat')), 'a redo finds the steps done').to.have.length(1);
    expect(s.gateway.posts.filter((p) => p.view.fallback.startsWith('Payments checklist'))).to.have.length(1);
    expect(await s.workflowEntries()).to.have.length(2);
  });

  it('records each step once after a crash between the step and its timeline entry', async () => {
    const s = workflowScene([{ ...PAYMENTS_SEV1, steps: PAYMENTS_SEV1.steps.slice(0, 2) }]);
    const real = s.container.get<UnitOfWork>(TOKENS.UnitOfWork);
    let crashes = 1;
    // The process dies after the invite, before the transaction that records it commits.
    const crashing: UnitOfWork = {
      run: <T>(work: (tx: Repositories) => Promise<T>) => real.run(async (tx) => {
        const result = await work(tx);
        const recording = [...s.store.database.timeline.values()].some((e) => e.kind === 'workflow');
        if (recording && crashes-- > 0) throw new Error('process died before the commit');
        return result;
      }),
    };
    s.container.rebind(TOKENS.UnitOfWork).toConstantValue(crashing);
    await s.type('alice', 'declare "Card payments failing" --sev SEV1 --service payments');
    await s.settle();
    expect(crashes, 'it crashed once').to.equal(0);
    expect(await s.workflowEntries(), 'nothing recorded by the attempt that crashed').to.have.length(0);
    await s.settle();
    expect(s.invites().filter((ids) => ids.includes('pat')), 'the retry found the invite done').to.have.length(1);
    expect(s.gateway.posts.filter((p) => p.view.fallback.startsWith('Payments checklist'))).to.have.length(1);
    expect(await s.workflowEntries()).to.have.length(2);
  });
});

