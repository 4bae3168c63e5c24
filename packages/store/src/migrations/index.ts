import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ApiTokenTenants1733000000002 } from './1733000000002-api-token-tenants';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [InitialSchema1732300000000, ApiTokenTenants1733000000002];
