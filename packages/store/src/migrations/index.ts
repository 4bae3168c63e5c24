import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { Tenants1733000000000 } from './1733000000000-tenants';
import { ApiIdempotency1733000000001 } from './1733000000001-api-idempotency';
import { ApiTokenTenants1733000000002 } from './1733000000002-api-token-tenants';
import { EffectResults1733000000003 } from './1733000000003-effect-results';
import { ConversationReferences1733000000004 } from './1733000000004-conversation-references';
import { NeutralMentions1733000000005 } from './1733000000005-neutral-mentions';
import { TeamsFileOffers1733000000006 } from './1733000000006-teams-file-offers';
import { AlertGroups1733000000007 } from './1733000000007-alert-groups';
import { PluginHost1733000000008 } from './1733000000008-plugin-host';
import { ServiceCatalogue1733000000009 } from './1733000000009-service-catalogue';
import { ApiTokenScopes1733000000010 } from './1733000000010-api-token-scopes';
import { ActionItemDue1733000000011 } from './1733000000011-action-item-due';
import { WebSessions1733000000012 } from './1733000000012-web-sessions';
import { FootprintIndexes1733000000013 } from './1733000000013-footprint-indexes';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [
  InitialSchema1732300000000, Tenants1733000000000, ApiIdempotency1733000000001, ApiTokenTenants1733000000002, EffectResults1733000000003,
  ConversationReferences1733000000004,
  NeutralMentions1733000000005,
  TeamsFileOffers1733000000006,
  AlertGroups1733000000007,
  PluginHost1733000000008,
  ServiceCatalogue1733000000009,
  ApiTokenScopes1733000000010,
  ActionItemDue1733000000011,
  WebSessions1733000000012,
  FootprintIndexes1733000000013,
];
