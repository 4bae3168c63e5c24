import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ApiIdempotency1733000000001 } from './1733000000001-api-idempotency';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [InitialSchema1732300000000, ApiIdempotency1733000000001];
