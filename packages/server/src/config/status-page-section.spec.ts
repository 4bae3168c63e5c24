import { expect } from 'chai';
import { yamlFileFixture } from './yaml-file.spec-helper';

describe('muster.yaml statusPage:', () => {
  const { withFile, problemsOf } = yamlFileFixture('muster-status-page-');

  it('is empty when left out, so /status shows the default tenant under the default title', () => {
    expect(withFile('roomNamePattern: inc-{number}').statusPage).to.deep.equal({});
  });

  it('reads a title, an intro and a configured tenant, trimmed', () => {
    const config = withFile([
      'tenants: { acme: { slack: [T0ACME] } }',
      'statusPage: { title: "  Acme status  ", intro: "  Questions? support@acme.example  ", tenant: acme }',
    ].join('\n'));
    expect(config.statusPage).to.deep.equal({ title: 'Acme status', intro: 'Questions? support@acme.example', tenant: 'acme' });
    expect(withFile('statusPage: { tenant: default }').statusPage).to.deep.equal({ tenant: 'default' });
  });

  it('refuses a tenant that is not configured, an empty or long title, a long intro and unknown keys, naming each', () => {
    const problems = problemsOf([
      'tenants: { acme: { slack: [T0ACME] } }',
      `statusPage: { title: "", intro: "${'x'.repeat(1001)}", tenant: globex, colour: red }`,
    ].join('\n')).join('\n');
    expect(problems).to.match(/statusPage\.tenant.*"globex".*not in tenants.*acme/);
    expect(problems).to.match(/statusPage\.title/);
    expect(problems).to.match(/statusPage\.intro.*at most 1000/);
    expect(problems).to.match(/colour/);
    expect(problemsOf(`statusPage: { title: "${'t'.repeat(101)}" }`).join('\n')).to.match(/statusPage\.title.*at most 100/);
    expect(problemsOf('statusPage: yes').join('\n')).to.match(/statusPage.*mapping of title, intro and tenant/);
    expect(problemsOf('statusPage: { tenant: "<script>" }').join('\n')).to.match(/statusPage\.tenant.*tenant id/);
  });
});
