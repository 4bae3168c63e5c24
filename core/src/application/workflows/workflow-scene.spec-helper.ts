import type { PersonRef } from '../../domain/person';
import type { WorkflowRule } from '../../domain/workflow';
import { buildApp, directory } from '../container/app-harness.spec-helper';
import { defaultSettings, type MusterSettings } from '../container/settings';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { DirectoryPort } from '../ports/chat-gateway.port';

/** The acceptance example of issue 12 as a rule: SEV1 on payments → invite the on-call group, post the checklist, draft after 15 minutes. */
export const PAYMENTS_SEV1: WorkflowRule = {
  name: 'payments-sev1',
  trigger: { kind: 'declared' },
  conditions: { severity: ['SEV1'], services: ['payments'] },
  steps: [
    { kind: 'invite', params: { value: ['@payments-oncall'] }, afterMinutes: 0 },
    { kind: 'post', params: { value: 'Payments checklist for {incident.reference}:', checklist: ['Freeze deploys', 'Check the PSP status page'] }, afterMinutes: 0 },
    { kind: 'draftUpdate', params: { value: 'internal' }, afterMinutes: 15 },
  ],
};

const ONCALL: readonly PersonRef[] = [{ platform: 'console', id: 'pat', name: 'pat' }, { platform: 'console', id: 'quinn', name: 'quinn' }];

/** The harness directory, plus one group: `@payments-oncall` is pat and quinn. */
export const groupDirectory: DirectoryPort = {
  ...directory,
  async groupMembers(_platform, _ws, name) {
    return name.replace(/^@/, '') === 'payments-oncall' ? ONCALL : undefined;
  },
};

/** An app with the rules, a way to declare, and what a test counts: invites, posts, workflow entries. */
export function workflowScene(rules: readonly WorkflowRule[], settings: Partial<MusterSettings> = {}) {
  const app = buildApp(defaultSettings({ workflows: rules, ...settings }), { directory: groupDirectory });
  const commands = app.container.get(CommandDispatcher);
  const type = (who: string, text: string, room?: Parameters<typeof app.ctx>[1]) => commands.handleText(app.ctx(who, room), text);
  const incident = async (n = 1) => (await app.store.repositories.incidents.findByNumber('default', n))!;
  const room = async (n = 1) => (await incident(n)).roomOn('console', 'local')!;
  /** Runs the outbox, then lets a minute pass and runs it again: a run that waited for its room retries then. */
  const settle = async () => {
    await app.flush();
    app.clock.advance(1);
    await app.flush();
  };
  const invites = () => app.gateway.calls.filter((c) => c.method === 'invite').map((c) => (c.args[1] as PersonRef[]).map((p) => p.id));
  const posts = (conversationId?: string) => app.gateway.postedTexts(conversationId);
  const workflowEntries = async (n = 1) => (await app.store.repositories.timeline.list((await incident(n)).id)).filter((e) => e.kind === 'workflow').map((e) => e.text);
  const runs = () => [...app.store.database.outbox.values()].filter((r) => r.topic === 'workflow.run');
  return { ...app, commands, type, incident, room, settle, invites, posts, workflowEntries, runs };
}
