import type { Link, PersonRef } from './person';

/**
 * Someone to pull in for a service: a chat person (`slack:U123`, `teams:<aad id>`) or an email
 * address, which room set-up turns into a person on each platform whose directory can find people by
 * email. An address works across Slack and Teams at once; a person key names one platform only.
 */
export type ServiceContact = PersonRef | EmailContact;

export interface EmailContact {
  readonly email: string;
  readonly name?: string;
}

export const isEmailContact = (c: ServiceContact): c is EmailContact => typeof (c as EmailContact).email === 'string';

/** How a contact reads in lists and in muster.yaml: `slack:U123` or the address itself. */
export const contactKey = (c: ServiceContact): string => (isEmailContact(c) ? c.email.toLowerCase() : `${c.platform}:${c.id}`);

/** Where an entry came from: `config` entries follow muster.yaml (removed with it), `api` ones survive restarts. */
export type ServiceOrigin = 'config' | 'api';

/** An entry of a tenant's service catalogue: who owns it, where its runbooks are, whom to pull in. */
export interface Service {
  readonly id: string;
  readonly tenantId: string;
  /** Unique within the tenant, ignoring case: `Checkout` and `checkout` are one service. */
  readonly name: string;
  readonly description: string;
  readonly owners: readonly ServiceContact[];
  readonly subjectMatterExperts: readonly ServiceContact[];
  readonly runbooks: readonly Link[];
  /** A Markdown runbook, relative to the directory of muster.yaml (checked at load: no absolute path, no `..`). */
  readonly runbookFile?: string;
  /**
   * What each integration calls this service, by plugin id: `pagerduty` a service id, `opsgenie` a
   * schedule or team, `jira` a project key, `statuspage` a component id.
   */
  readonly integrations: Readonly<Record<string, string>>;
  /** Shown on a public status page; false unless said. */
  readonly public: boolean;
  readonly origin: ServiceOrigin;
}

/** The form names are compared in: lookups ignore case and surrounding spaces. */
export const serviceNameKey = (name: string): string => name.trim().toLowerCase();
