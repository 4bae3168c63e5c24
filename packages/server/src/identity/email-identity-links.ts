import {
  BoundedCache, personKey, samePerson, sharedPromise, type ChatPlatform, type EmailDirectory, type IdentityLinks,
  type Logger, type PersonRef, type TenantMap,
} from '@muster/core';

const HOUR_MS = 60 * 60_000;
/** After a directory failed, how long "no link" stands before asking again: short, it is not an answer. */
const FAILURE_MS = 60_000;
const MAX_PEOPLE = 20_000;
/**
 * How long a request waits for the first look-up of a person: inside Slack's 3 s ack with room to spare.
 * Past it the request goes on unlinked, and the look-up finishes for the person's next request.
 */
export const LINK_WAIT_MS = 1_500;

type Directories = Partial<Record<ChatPlatform, EmailDirectory>>;
interface Found { readonly links: readonly PersonRef[]; readonly failed: boolean }

/**
 * The same human across the chat platforms of one tenant, matched by email: the person's email from their
 * own platform's directory, looked up in every other platform's workspaces of the tenant (configuration's
 * `tenants`). An answer is remembered for an hour, so a request costs at most one look-up per platform
 * per hour and person; a directory that fails means "no link" (logged), never a failed request.
 */
export class EmailIdentityLinks implements IdentityLinks {
  private readonly answers: BoundedCache<string, Promise<Found>>;
  private readonly failures: BoundedCache<string, true>;

  constructor(
    private readonly directories: Directories,
    private readonly tenants: TenantMap,
    private readonly logger: Logger,
    now: () => number = Date.now,
    private readonly waitMs = LINK_WAIT_MS,
  ) {
    this.answers = new BoundedCache(MAX_PEOPLE, HOUR_MS, now);
    this.failures = new BoundedCache(MAX_PEOPLE, FAILURE_MS, now);
  }

  async linkedTo(person: PersonRef, tenantId: string, workspaceId: string): Promise<readonly PersonRef[]> {
    const key = `${tenantId}\n${workspaceId}\n${personKey(person)}`;
    if (this.failures.get(key)) return [];
    const pending = sharedPromise(this.answers, key, () => this.lookUp(person, tenantId, workspaceId).then((found) => {
      if (found.failed) {
        this.answers.delete(key);
        this.failures.set(key, true);
      }
      return found;
    }));
    return (await this.within(pending))?.links ?? [];
  }

  private async within(pending: Promise<Found>): Promise<Found | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), this.waitMs); });
    try {
      return await Promise.race([pending, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async lookUp(person: PersonRef, tenantId: string, workspaceId: string): Promise<Found> {
    const own = this.directories[person.platform as ChatPlatform];
    const elsewhere = this.tenants.workspacesOf(tenantId)
      .filter((w) => w.platform !== person.platform && this.directories[w.platform as ChatPlatform]);
    if (!own || elsewhere.length === 0) return { links: [], failed: false };
    let failed = false;
    const unlinked = (error: unknown, where: string): undefined => {
      failed = true;
      // The email is personal data: the log names the person by id and the directory, never the address.
      this.logger.warn('identity link look-up failed; treating the person as unlinked', {
        person: personKey(person), directory: where, error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    };
    const email = await own.emailOf(workspaceId, person).catch((e: unknown) => unlinked(e, `${person.platform}:${workspaceId}`));
    if (!email) return { links: [], failed };
    const found = await Promise.all(elsewhere.map((w) =>
      this.directories[w.platform as ChatPlatform]!.byEmail(w.workspaceId, email).catch((e: unknown) => unlinked(e, `${w.platform}:${w.workspaceId}`))));
    const links = found.filter((p): p is PersonRef => !!p && !samePerson(p, person));
    return { links: links.filter((p, i) => links.findIndex((q) => samePerson(p, q)) === i), failed };
  }
}
