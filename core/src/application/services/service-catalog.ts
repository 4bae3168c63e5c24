import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import { serviceNameKey, type Service } from '../../domain/service';
import type { RequestContext } from '../incidents/request-context';
import { AccessPolicy } from '../access/access-policy';
import type { Repositories } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { nearest } from '../commands/suggest';

/** How many names a refusal lists before "and N more": a catalogue of 300 services is not one message. */
const NAMES_SHOWN = 15;

export interface CheckedServices {
  /** The names to declare with, spelled as the catalogue spells them. */
  readonly names: readonly string[];
  /** The catalogue entries of those names (none when the catalogue is empty). */
  readonly services: readonly Service[];
}

/** The requester's tenant's service catalogue, as chat commands use it. */
@injectable()
export class ServiceCatalog {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  list(ctx: RequestContext): Promise<Service[]> {
    return this.repos.services.list(this.access.tenantOf(ctx));
  }

  /**
   * The services named at declare, matched to the catalogue ignoring case. A name the catalogue does not
   * have is refused with the nearest one and the names it has; with an empty catalogue every name is
   * taken as typed (a team without a catalogue still tags its incidents). `example` writes the command
   * to type instead, given the `--service` value with the guess in place of the unknown name.
   */
  async check(ctx: RequestContext, typed: readonly string[], example: (services: string) => string): Promise<CheckedServices> {
    if (typed.length === 0) return { names: [], services: [] };
    const catalogue = await this.list(ctx);
    if (catalogue.length === 0) return { names: typed, services: [] };
    const byKey = new Map(catalogue.map((s) => [serviceNameKey(s.name), s]));
    const services: Service[] = [];
    for (const name of typed) {
      const found = byKey.get(serviceNameKey(name));
      if (!found) throw unknownService(name, catalogue, (guess) => example(typed.map((t) => (t === name ? guess : t)).join(',')));
      if (!services.includes(found)) services.push(found);
    }
    return { names: services.map((s) => s.name), services };
  }
}

function unknownService(name: string, catalogue: readonly Service[], example: (name: string) => string): MusterError {
  const guess = nearest(name, catalogue.map((s) => [s.name, s.name] as const));
  const names = catalogue.slice(0, NAMES_SHOWN).map((s) => `\`${s.name}\``).join(', ');
  const more = catalogue.length > NAMES_SHOWN ? ` and ${catalogue.length - NAMES_SHOWN} more` : '';
  const shown = [...name.replace(/\s+/g, ' ').replace(/`/g, "'")].slice(0, 60).join('');
  const hint = guess ? ` Did you mean \`${guess}\`? Try ${example(guess)}.` : '';
  return new MusterError('invalid_argument', `There is no service “${shown}” in the catalogue.${hint} The catalogue has ${names}${more}.`, {
    service: name, ...(guess ? { suggestion: guess } : {}), known: catalogue.map((s) => s.name),
  });
}
