import { expect } from 'chai';
import { yamlFileFixture } from './yaml-file.spec-helper';

describe('muster.yaml plugins:', () => {
  const file = yamlFileFixture('muster-plugins-');
  const { withFile, problemsOf } = file;

  it('reads each plugin by id, enabled unless it says otherwise, its config passed on unchecked', () => {
    const config = withFile([
      'plugins:',
      '  alertmanager: { config: { severity: { label: severity, map: { critical: SEV1, warning: SEV3 } }, resolve: note, extra: ~ } }',
      '  pagerduty: { enabled: false, package: ./plugins/pagerduty }',
      '  grafana:',
    ].join('\n'));
    expect(config.plugins).to.deep.equal({
      alertmanager: { enabled: true, config: { severity: { label: 'severity', map: { critical: 'SEV1', warning: 'SEV3' } }, resolve: 'note', extra: null } },
      pagerduty: { enabled: false, package: './plugins/pagerduty', config: {} },
      grafana: { enabled: true, config: {} },
    });
  });

  it('is empty without a plugins section', () => {
    expect(withFile('declarerTakesCommand: true\n').plugins).to.deep.equal({});
    expect(withFile('plugins:\n').plugins).to.deep.equal({});
  });

  it('refuses an id that cannot be a plugin id, saying what one looks like', () => {
    expect(problemsOf('plugins:\n  Alert_Manager: {}\n  x: {}\n  datadog: {}\n')).to.deep.equal([
      'muster.yaml: plugins.Alert_Manager is not a plugin id: use 2 to 40 lower-case letters, digits or "-", starting with a letter',
      'muster.yaml: plugins.x is not a plugin id: use 2 to 40 lower-case letters, digits or "-", starting with a letter',
    ]);
  });

  it('refuses an unknown key of an entry, suggesting the one it resembles', () => {
    expect(problemsOf('plugins:\n  grafana: { enabeld: true, pakage: x }\n')).to.deep.equal([
      'muster.yaml: plugins.grafana.enabeld is not a setting; did you mean "enabled"? Allowed here: enabled, package, config',
      'muster.yaml: plugins.grafana.pakage is not a setting; did you mean "package"? Allowed here: enabled, package, config',
    ]);
  });

  it('refuses a secret in the file, naming the variable to set and never repeating the value', () => {
    const problems = problemsOf([
      'plugins:',
      '  grafana: { config: { token: glsa_s3cr3t_value } }',
      '  pagerduty: { config: { routing: { webhookSecret: whsec_hunter2 }, tokenUrl: https://example.com/token } }',
      '  opsgenie: { config: { api_key: 0123-abcd } }',
      '  my-source: { config: { password: 12345 } }',
    ].join('\n'));
    expect(problems).to.deep.equal([
      'muster.yaml: plugins.grafana.config.token is a secret, and secrets never go in the file: set MUSTER_PLUGIN_GRAFANA_TOKEN in the environment instead, or set it from chat',
      'muster.yaml: plugins.pagerduty.config.routing.webhookSecret is a secret, and secrets never go in the file: set MUSTER_PLUGIN_PAGERDUTY_WEBHOOK_SECRET in the environment instead, or set it from chat',
      'muster.yaml: plugins.opsgenie.config.api_key is a secret, and secrets never go in the file: set MUSTER_PLUGIN_OPSGENIE_API_KEY in the environment instead, or set it from chat',
      'muster.yaml: plugins.my-source.config.password is a secret, and secrets never go in the file: set MUSTER_PLUGIN_MY_SOURCE_PASSWORD in the environment instead, or set it from chat',
    ]);
    for (const secret of ['glsa_s3cr3t_value', 'whsec_hunter2', '0123-abcd', '12345']) expect(problems.join(' ')).not.to.contain(secret);
  });

  it('reports a secret together with every other problem of the section', () => {
    const problems = problemsOf('plugins:\n  grafana: { enabled: maybe, config: { token: abc } }\n  BAD: {}\n');
    expect(problems).to.have.members([
      'muster.yaml: plugins.grafana.enabled must be true or false (got "maybe")',
      'muster.yaml: plugins.grafana.config.token is a secret, and secrets never go in the file: set MUSTER_PLUGIN_GRAFANA_TOKEN in the environment instead, or set it from chat',
      'muster.yaml: plugins.BAD is not a plugin id: use 2 to 40 lower-case letters, digits or "-", starting with a letter',
    ]);
  });

  it('refuses a config, an entry or a section that is not a mapping', () => {
    expect(problemsOf('plugins:\n  grafana: { config: [token, url] }\n  datadog: { config: "site=eu" }\n  wazuh: true\n')).to.deep.equal([
      "muster.yaml: plugins.grafana.config must be a mapping of the plugin's settings, like severity: { label: severity } (got a list)",
      "muster.yaml: plugins.datadog.config must be a mapping of the plugin's settings, like severity: { label: severity } (got \"site=eu\")",
      'muster.yaml: plugins.wazuh must be a mapping of settings (got true)',
    ]);
    expect(problemsOf('plugins: [alertmanager, pagerduty]\n')).to.deep.equal([
      'muster.yaml: plugins must be a mapping of plugin id to its settings, like alertmanager: { enabled: true } (got a list)',
    ]);
  });

  it('keeps a hostile key from reaching the prototype of the config it hands on', () => {
    const config = withFile('plugins:\n  grafana: { config: { "__proto__": { polluted: yes }, constructor: x } }\n');
    const pluginConfig = config.plugins.grafana.config;
    expect(Object.getPrototypeOf(pluginConfig)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(pluginConfig.constructor).to.equal('x');
  });
});
