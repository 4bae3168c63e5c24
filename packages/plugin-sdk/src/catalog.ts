import type { PluginPerson } from './incident';

/**
 * A service of Muster's catalogue as a plugin sees it (`muster.yaml` `services:`, editable through the
 * REST API): who owns it, who knows it, where its runbook is, and what each integration calls it.
 */
export interface PluginService {
  readonly name: string;
  readonly description: string;
  readonly owners: readonly PluginPerson[];
  readonly subjectMatterExperts: readonly PluginPerson[];
  /**
   * What each integration calls this service, by plugin id: `pagerduty` a PagerDuty service id,
   * `opsgenie` a schedule or team name, `jira` a project key, `statuspage` a component id.
   */
  readonly integrations: Readonly<Record<string, string>>;
  /** Links to the service's runbooks. */
  readonly runbooks: readonly { readonly title: string; readonly url: string }[];
  /** A Markdown runbook file, relative to the directory of muster.yaml. */
  readonly runbookFile?: string;
}

/** The catalogue of the installation's tenant, read-only. */
export interface PluginServiceCatalog {
  find(name: string): Promise<PluginService | undefined>;
}
