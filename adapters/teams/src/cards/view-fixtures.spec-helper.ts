import {
  actionItemChangedView, actionItemsView, applyNarrativeDraft, approveStatusUpdate, assignFormView, COMMANDS, completeActionItem, declareFormView,
  defaultSettings, draftStatusUpdate, editSectionFormView, editUpdateFormView, emptyPostmortem, errorView, helpView, Incident, incidentCardView,
  incidentListView, markStatusUpdatePublished, MusterError, newActionItem, noticeView, openFollowUpsBlocks, postmortemView, publishedUpdateView,
  rejectStatusUpdate, roleNotice, severityFormView, severityNotice, statusNotice, statusUpdateView, summaryView, timelineEntry, timelineView,
  pluginFormView, pluginInstalledView, pluginListView, pluginsRefusedView, uninstallConfirmView, unknownPluginView,
  type CommandName, type FormView, type PersonRef, type PluginForm, type View,
} from '@muster/core';

/** The strings a hostile or careless user types, one per markdown feature Teams (or CommonMark) knows. */
export const HOSTILE = [
  '<at>everyone</at>', '<at>Ana Lima</at>', '[x](javascript:alert(1))', '[ok](https://evil.example)', '**bold**', '__bold__', '_x_', '*x*', '~~gone~~',
  '# h', '## h2', '- item', '* item', '+ item', '1. item', '12) item', '> quote', '`code`', '```\nfence\n```', '<b>bold</b>', '<script>alert(1)</script>',
  '&lt;at&gt;', '&amp;', '&#42;', 'line one\nline two\n\n\nline three', '    indented code', '---', '===', '![img](https://x/y.png)', '<https://auto.link>',
  'a\\*b', 'trailing backslash \\', 'R&D <3 a<b',
];

/** Realistic incidents and every view core builds from them, with `text` wherever a person's words end up. */
export const T0 = new Date('2026-11-22T03:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export const ana: PersonRef = { platform: 'teams', id: '5f1c0e6e-9d3b-4a51-8f0e-6c2d9a7b1e01', name: 'Ana Lima' };
export const bo: PersonRef = { platform: 'teams', id: '0b8e4c2a-7f61-4d9e-b3a5-1c9e7d2f4a02', name: 'Bo Chen' };
export const slackCarol: PersonRef = { platform: 'slack', id: 'U024BE7LH', name: 'carol' };
export const consoleDave: PersonRef = { platform: 'console', id: 'dave', name: 'dave' };

export const settings = defaultSettings({
  stakeholderChannels: { internal: [{ platform: 'teams', workspaceId: 'tenant-1', conversationId: '19:stake@thread.tacv2' }], external: [] },
});

export interface NamedView { readonly name: string; readonly view: View }

/** A plugin form with every kind of field, `text` in whatever a plugin author or a previous admin wrote. */
export function pluginFormWith(text: string): PluginForm {
  return {
    plugin: {
      id: 'grafana', name: `Grafana ${text}`.slice(0, 80), description: `Declares incidents from Grafana. ${text}`, version: '1.0.0', capabilities: ['alert-source'],
      webhookUrl: 'https://muster.example.com/webhooks/grafana', installedBy: 'chat', installer: ana,
      health: { lastSuccessAt: T0, lastFailureAt: T0, lastFailure: `HTTP 401 ${text}` },
    },
    fields: [
      { key: 'secret:TOKEN', label: 'TOKEN', description: `Bearer token ${text}`, kind: 'secret', required: true, isSet: true },
      { key: 'onResolve', label: 'On resolve', kind: 'choice', required: true, choices: ['resolve', 'note'], value: 'note' },
      { key: 'private', label: 'Private', description: `Declare as private ${text}`, kind: 'boolean', required: false, value: 'true' },
      { key: 'severity.map', label: 'Severity map', kind: 'json', required: false, value: `{"critical":"SEV1","x":${JSON.stringify(text)}}` },
      { key: 'minFiring', label: 'Minimum firing alerts', kind: 'number', required: true, value: '2' },
      { key: 'apiUrl', label: `API URL ${text}`, kind: 'text', required: false, value: `https://grafana.acme.test/${text}` },
    ],
  };
}
export interface NamedForm { readonly name: string; readonly form: FormView }

function incidentWith(text: string, people: { declarer: PersonRef; others: readonly PersonRef[] }): Incident {
  const incident = Incident.declare({
    id: 'inc-1', number: 42, title: `Checkout errors ${text}`.slice(0, 200), summary: `EU customers see 502s. ${text}`, severity: 'SEV2',
    services: ['checkout', `pay_${text}`.slice(0, 60)], declaredBy: people.declarer, source: 'teams', at: T0, declarerTakesCommand: true,
  }, settings.severities);
  const [first, second] = people.others;
  if (first) incident.assignRole('comms', first, people.declarer, at(2), settings.roles);
  if (second) incident.assignRole('sme', second, people.declarer, at(3), settings.roles);
  incident.addLink('dashboard', { title: `Grafana ${text}`, url: 'https://grafana.example/d/checkout?from=now-1h&to=now' }, people.declarer, at(4));
  incident.addLink('ticket', { title: 'Runbook', url: 'javascript:alert(1)' }, people.declarer, at(4));
  incident.pullEvents();
  return incident;
}

export function viewsWith(text: string, person: PersonRef = { ...ana, name: `Ana ${text}` }): NamedView[] {
  const others = [bo, { ...slackCarol, name: `carol ${text}` }];
  const incident = incidentWith(text, { declarer: person, others });
  const acknowledged = incidentWith(text, { declarer: person, others });
  acknowledged.transitionTo('investigating', bo, at(5));
  const resolved = incidentWith(text, { declarer: person, others });
  resolved.transitionTo('investigating', bo, at(5));
  resolved.transitionTo('mitigated', bo, at(20));
  resolved.transitionTo('resolved', person, at(40));

  const draft = draftStatusUpdate({ id: 'upd-1', incidentId: incident.id, audience: 'internal', body: `We rolled back. ${text}\nNext update in 30 minutes.`, author: { kind: 'ai', model: 'openai:gpt-4o-mini', requestedBy: person }, at: at(10) });
  const approved = approveStatusUpdate(draft, bo, at(12));
  const published = markStatusUpdatePublished(approved, [{ kind: 'teams-stakeholder-channel', name: `#stakeholders ${text}` }], at(13));
  const rejected = rejectStatusUpdate(draft, bo, at(12), `Too vague ${text}`);

  const pm = applyNarrativeDraft(emptyPostmortem('pm-1', resolved.id, at(41)), { summary: `A bad deploy. ${text}`, impact: `12% of checkouts failed ${text}` }, 'ai', at(42));
  const items = [
    newActionItem({ id: 'ai-1', incidentId: incident.id, text: `Add a canary ${text}`, owner: person, createdBy: person, at: at(30) }),
    completeActionItem(newActionItem({ id: 'ai-2', incidentId: incident.id, text: 'Alert on 502 rate', createdBy: bo, at: at(31) }), at(35)),
    newActionItem({ id: 'ai-3', incidentId: incident.id, text: `Fix retries ${text}`, owner: slackCarol, createdBy: bo, at: at(32) }),
  ];
  const entries = [person, bo, consoleDave].map((actor, i) => timelineEntry({
    id: `t-${i}`, incidentId: incident.id, kind: 'message', occurredAt: at(i + 1), recordedAt: at(i + 1), actor, source: 'teams',
    text: `Seeing errors ${text}`, idempotencyKey: `teams:c:${i}`,
  }));
  const help = (topic?: CommandName): View => helpView(topic, '@Muster');

  return [
    { name: 'incident card (triage)', view: incidentCardView(incident, settings) },
    { name: 'incident card (investigating)', view: incidentCardView(acknowledged, settings) },
    { name: 'incident card (resolved)', view: incidentCardView(resolved, settings) },
    { name: 'help', view: help() },
    ...COMMANDS.map((c) => ({ name: `help ${c.name}`, view: help(c.name) })),
    { name: 'error (ours)', view: errorView(new MusterError('unknown_severity', `There is no severity “${text}”. Choose one of \`SEV1\`, \`SEV2\` or \`SEV3\`, e.g. \`/incident sev SEV1\`.`, { usage: '/incident sev <level>' }), '@Muster') },
    { name: 'error (internal)', view: errorView(new Error(`secret ${text}`), '@Muster') },
    { name: 'draft awaiting approval', view: statusUpdateView(draft, incident, settings) },
    { name: 'draft approved', view: statusUpdateView(approved, incident, settings) },
    { name: 'draft published', view: statusUpdateView(published, incident, settings) },
    { name: 'draft rejected', view: statusUpdateView(rejected, incident, settings) },
    { name: 'published update', view: publishedUpdateView(published, incident, settings) },
    { name: 'catch-up', view: summaryView(incident, { text: `First paragraph ${text}.\n\nSecond paragraph.`, producedBy: 'extractive', fallbackReason: 'no_model: no model is configured.' }) },
    { name: 'postmortem', view: postmortemView(resolved, pm) },
    { name: 'postmortem elsewhere', view: postmortemView(resolved, pm, 'elsewhere') },
    { name: 'follow-ups', view: actionItemsView(incident, items) },
    { name: 'follow-up changed', view: actionItemChangedView(incident, items[0]!, 1, 'assigned') },
    { name: 'close notice with open follow-ups', view: { fallback: 'closed', blocks: [{ type: 'text', text: ['Closed.'] }, { type: 'divider' }, ...openFollowUpsBlocks(items)] } },
    { name: 'timeline', view: timelineView(incident, entries, 40) },
    { name: 'list', view: incidentListView({ incidents: [incident, acknowledged, resolved], more: 4 }, { scope: 'open' }, at(60), 'teams', 'tenant-1') },
    { name: 'empty list', view: incidentListView({ incidents: [], more: 0 }, { scope: 'open' }, at(60)) },
    { name: 'status notice', view: statusNotice(resolved, person) },
    { name: 'severity notice', view: severityNotice(incident, bo) },
    { name: 'role notice', view: roleNotice(incident, 'Communications Lead', bo, person) },
    { name: 'notice', view: noticeView([`Saved ${text}`], 'success') },
    ...pluginViews(text),
  ];
}

function pluginViews(text: string): NamedView[] {
  const form = pluginFormWith(text);
  const available = { ...form.plugin, id: 'jira', name: `Jira ${text}`, installedBy: undefined };
  return [
    { name: 'plugins list', view: pluginListView([form.plugin, { ...form.plugin, id: 'pagerduty', installedBy: 'config' }, available]) },
    { name: 'plugins refused', view: pluginsRefusedView([ana, bo], true) },
    { name: 'unknown plugin', view: unknownPluginView(`graf ${text}`, 'grafana', [form.plugin, available]) },
    { name: 'plugin uninstall question', view: uninstallConfirmView(form.plugin) },
    { name: 'plugin installed', view: pluginInstalledView(form.plugin, form, ana, false) },
    { name: 'plugin installed (no auth said)', view: pluginInstalledView({ ...form.plugin, webhookAuth: undefined }, form, ana, true) },
  ];
}

export function formsWith(text: string): NamedForm[] {
  const incident = incidentWith(text, { declarer: ana, others: [bo] });
  const draft = draftStatusUpdate({ id: 'upd-1', incidentId: incident.id, audience: 'external', body: `We are investigating ${text}`, author: { kind: 'person', person: ana }, at: at(10) });
  const pm = applyNarrativeDraft(emptyPostmortem('pm-1', incident.id, at(41)), { summary: `Draft ${text}` }, 'ai', at(42));
  return [
    { name: 'declare (empty)', form: declareFormView(settings) },
    { name: 'declare (typed)', form: declareFormView(settings, { title: `DB down ${text}`.slice(0, 200), severity: 'SEV1', services: ['db', 'api'], private: true }) },
    { name: 'severity', form: severityFormView(incident, settings) },
    { name: 'assign', form: assignFormView(incident, settings) },
    { name: 'edit update', form: editUpdateFormView(draft) },
    { name: 'edit postmortem section', form: editSectionFormView(incident, pm.sections[0]!) },
    { name: 'plugin install', form: pluginFormView(pluginFormWith(text), 'install', 'tenant-1') },
    { name: 'plugin configure', form: pluginFormView(pluginFormWith(text), 'configure', 'tenant-1') },
  ];
}
