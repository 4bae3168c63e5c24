/**
 * The incident `muster demo` plays, typed as people would type it in the console. Four people:
 * ana declares and commands, ben runs operations, carl handles communications, dee is a bystander.
 */
export const DEMO_USER = 'ana';

export const DEMO_SCRIPT: readonly string[] = [
  '/incident declare Checkout errors for EU customers --sev SEV2 --service checkout',
  '/incident assign ops @ben',
  '/incident assign comms @carl',
  ':as @ben Error rate on checkout-api jumped to 12% at 14:02, all of it in eu-west-1.',
  ':as @carl Support has 40 tickets about failed payments so far.',
  ':as @ben /incident ack',
  ':as @ben /incident note Rolling back checkout-api to the previous release.',
  ':as @dee /incident sev SEV1',
  '/incident sev SEV1',
  ':as @ben The rollback is out; the error rate is back under 0.5%.',
  ':as @ben /incident mitigate',
  '/incident update external',
  ':as @carl :press 1',
  'y',
  '/incident action Add a canary stage to checkout-api deploys @ben',
  '/incident resolve',
  '/incident postmortem',
];

/** Each line happens this long after the one before, so the postmortem's durations read like a real response. */
export const DEMO_MINUTES_PER_LINE = 3;
