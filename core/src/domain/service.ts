import type { Link, PersonRef } from './person';

/** An entry of the service catalogue: who owns it, where its runbooks are, whom to pull in. */
export interface Service {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly owners: readonly PersonRef[];
  readonly subjectMatterExperts: readonly PersonRef[];
  readonly runbooks: readonly Link[];
}
