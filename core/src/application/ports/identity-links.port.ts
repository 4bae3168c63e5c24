import type { PersonRef } from '../../domain/person';

/**
 * The same human on other chat platforms of one tenant (Alice on Slack is also Alice on Teams). Core
 * asks once per request and treats every linked ref as the actor for access and roles. Optional: when
 * nothing is bound, nobody is linked.
 */
export interface IdentityLinks {
  /**
   * The person's refs on other platforms, never the person itself; empty when unknown or when a
   * directory could not answer (a link is a convenience, never a reason to fail a request).
   * `workspaceId` is where the person was met (their Slack team, their Teams tenant).
   */
  linkedTo(person: PersonRef, tenantId: string, workspaceId: string): Promise<readonly PersonRef[]>;
}

/** A platform directory that knows people's email addresses: what linking identities is built on. */
export interface EmailDirectory {
  /** False when this directory has no way to ask (Teams without Graph): then linking skips it. */
  readonly knowsEmails: boolean;
  /** The person's email on their platform, when the directory may tell it. */
  emailOf(workspaceId: string, person: PersonRef): Promise<string | undefined>;
  /** The one person with this email in the workspace, if any. */
  byEmail(workspaceId: string, email: string): Promise<PersonRef | undefined>;
}

/** Whether a directory (of any kind) can, as configured, tell and find people by email. */
export const hasEmailLookup = (directory: unknown): directory is EmailDirectory =>
  typeof directory === 'object' && directory !== null && (directory as EmailDirectory).knowsEmails === true &&
  typeof (directory as EmailDirectory).emailOf === 'function' && typeof (directory as EmailDirectory).byEmail === 'function';
