import { expect } from 'chai';
import { yamlFileFixture } from './yaml-file.spec-helper';

const ACCEPTANCE = [
  'workflows:',
  '  - name: payments-sev1',
  '    on: declared',
  '    when: { severity: [SEV1], services: [payments] }',
  '    do:',
  "      - invite: ['@payments-oncall']",
  "      - post: 'Payments checklist for {incident.reference}:'",
  "        checklist: ['Freeze deploys', 'Check the PSP status page']",
  '      - draftUpdate: internal',
  '        after: 15m',
];

describe('muster.yaml workflows:', () => {
  const { withFile, problemsOf } = yamlFileFixture('muster-workflows-');

  it('reads the acceptance example into one rule with three steps, the last one 15 minutes later', () => {
    const config = withFile(ACCEPTANCE.join('\n'));
    expect(config.settings.workflows).to.deep.equal([{
      name: 'payments-sev1', trigger: { kind: 'declared' }, conditions: { severity: ['SEV1'], services: ['payments'] },
      steps: [
        { kind: 'invite', params: { value: ['@payments-oncall'] }, afterMinutes: 0 },
        { kind: 'post', params: { value: 'Payments checklist for {incident.reference}:', checklist: ['Freeze deploys', 'Check the PSP status page'] }, afterMinutes: 0 },
        { kind: 'draftUpdate', params: { value: 'internal' }, afterMinutes: 15 },
      ],
    }]);
  });

  it('reads every trigger, condition and action kind, with roles and severities as the catalogues name them', () => {
    const config = withFile([
      'workflows:',
      '  - name: no-comms',
      '    on: { elapsed: 30m, since: declared }',
      '    when: { roleVacant: comms, private: false, source: [alertmanager], labels: { team: pay }, minutesSinceLastUpdate: 20, status: [investigating], severity: [sev2] }',
      '    tenant: acme',
      '    do:',
      "      - assign: comms",
      "        to: '@carol'",
      '      - escalate: up',
      "      - remind: 'No comms on {incident.reference}'",
      '        after: 1h',
      '      - page: payments',
      '      - ticket: true',
      '      - call: true',
      '      - webhook: comms-missing',
    ].join('\n'));
    const [rule] = config.settings.workflows!;
    expect(rule!.trigger).to.deep.equal({ kind: 'elapsed', since: 'declared', minutes: 30 });
    expect(rule!.tenant).to.equal('acme');
    expect(rule!.conditions).to.deep.equal({
      roleVacant: 'communications_lead', private: false, source: ['alertmanager'], labels: { team: 'pay' }, minutesSinceLastUpdate: 20, status: ['investigating'], severity: ['SEV2'],
    });
    expect(rule!.steps.map((s) => [s.kind, s.afterMinutes])).to.deep.equal([['assign', 0], ['escalate', 0], ['remind', 60], ['page', 0], ['ticket', 0], ['call', 0], ['webhook', 0]]);
    expect(rule!.steps[0]!.params).to.deep.equal({ value: 'comms', to: '@carol' });
  });

  it('refuses a bad delay naming the rule and the field', () => {
    const bad = ACCEPTANCE.map((line) => line.replace('after: 15m', 'after: soon'));
    expect(problemsOf(bad.join('\n'))).to.deep.equal(['muster.yaml: workflows[0] (payments-sev1).do[2].after must be a duration like 15m (got "soon")']);
  });

  it('names each bad field: trigger, condition, unknown severity, role and service, action, placeholder, duplicate name', () => {
    const problems = problemsOf([
      'services: { payments: {} }',
      'workflows:',
      '  - name: one',
      '    on: exploded',
      '    when: { severity: [SEV9], services: [billing], roleVacant: janitor, colour: red }',
      '    do:',
      '      - teleport: now',
      "      - post: 'Hi {incident.owner}'",
      '      - escalate: SEV7',
      '      - assign: janitor',
      "        to: '@a'",
      '      - invite: [x]',
      '        shout: true',
      '  - name: one',
      '    on: declared',
      '    do: []',
      '  - name: Bad Name',
      '    on: declared',
      '    do: [{ draftUpdate: internal }]',
      '  - name: two',
      '    on: { elapsed: later, since: declared }',
      '    do: [{ page: checkout }]',
    ].join('\n'));
    expect(problems).to.include.members([
      'muster.yaml: workflows[0] (one).on must be one of declared, severity_changed, status_changed, role_assigned, alert_received, update_published, or { elapsed: 30m, since: declared } (got "exploded")',
      'muster.yaml: workflows[0] (one).when.colour is not a condition; use severity, services, private, labels, source, minutesSinceLastUpdate, roleVacant, status',
      'muster.yaml: workflows[0] (one).when.severity names "SEV9", which is not known here',
      'muster.yaml: workflows[0] (one).when.services names "billing", which is not known here',
      'muster.yaml: workflows[0] (one).when.roleVacant must be a role: commander, communications_lead, operations_lead, scribe, sme (got "janitor")',
      'muster.yaml: workflows[0] (one).do[0] must name exactly one action: invite, post, assign, draftUpdate, remind, escalate, page, ticket, call, webhook',
      'muster.yaml: workflows[0] (one).do[1].post uses {incident.owner}, which Muster does not know; use {incident.reference}, {incident.title}, {incident.severity}, {incident.url}, {incident.status} or {rule.name}',
      'muster.yaml: workflows[0] (one).do[2].escalate must be up or a severity: SEV1, SEV2, SEV3 (got "SEV7")',
      'muster.yaml: workflows[0] (one).do[3].assign must be a role: commander, communications_lead, operations_lead, scribe, sme (got "janitor")',
      'muster.yaml: workflows[0] (one).do[4].shout is not a setting of invite',
      'muster.yaml: workflows[1] (one).name is used by an earlier rule; rule names must be unique',
      "muster.yaml: workflows[1] (one).do must be a list of at least one action, like - invite: ['@oncall']",
      'muster.yaml: workflows[2] (Bad Name).name must be lower-case letters, digits, . _ or - (at most 64), like payments-sev1 (got "Bad Name")',
      'muster.yaml: workflows[3] (two).on.elapsed must be a duration like 30m (got "later")',
      'muster.yaml: workflows[3] (two).do[0].page names a service the catalogue (services:) does not have (got "checkout")',
    ]);
  });

  it('refuses a workflows: that is not a list', () => {
    expect(problemsOf('workflows: { name: x }').join('\n')).to.match(/workflows must be a list of rules/);
  });
});
