/** What a plugin sees of an incident: a plain, read-only snapshot, never the core aggregate. */
export interface PluginIncident {
  readonly id: string;
  /** `INC-42`. */
  readonly reference: string;
  readonly tenantId: string;
  readonly title: string;
  readonly summary?: string;
  /** A severity id of the installation, e.g. `SEV1`; `PluginContext.severities` orders them. */
  readonly severity: string;
  readonly status: 'triage' | 'investigating' | 'mitigated' | 'resolved' | 'postmortem' | 'closed' | 'declined';
  readonly private: boolean;
  readonly services: readonly string[];
  readonly declaredAt: string;
  readonly resolvedAt?: string;
  /** Where responders talk: links to the incident's chat rooms. */
  readonly rooms: readonly { readonly platform: string; readonly name?: string; readonly url?: string }[];
  /** Who holds which role (role id → people). */
  readonly roles: Readonly<Record<string, readonly PluginPerson[]>>;
}

export interface PluginPerson {
  readonly platform: string;
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
}
