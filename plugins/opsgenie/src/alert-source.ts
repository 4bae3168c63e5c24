import { isMusterPage, readPayload, verifyBasic, verifyBearer, verifyHeaderToken, type AlertSignal, type AlertSource, type PluginContext, type Verification, type WebhookRequest } from '@muster/plugin-sdk';
import { ACTED_ON, alertSignal } from './alert-signal';
import type { OpsgenieConfig } from './config';
import { opsgenieActionSchema, opsgeniePayloadSchema } from './opsgenie-payload';
import { severityResolver } from './severity';

type Context = Pick<PluginContext<OpsgenieConfig>, 'config' | 'secrets' | 'severities'>;

/**
 * `POST /webhooks/opsgenie`: Opsgenie's outgoing Webhook integration. It signs nothing, so the
 * integration is given custom headers: `Authorization: Bearer <TOKEN>`, or the token in
 * `tokenHeader`, or Basic credentials (USERNAME and PASSWORD).
 */
export function opsgenieAlertSource(ctx: Context): AlertSource {
  const context = { config: ctx.config, severityOf: severityResolver(ctx.config.severity, ctx.severities) };
  return {
    verify: (request) => verifyOpsgenie(request, ctx),
    parse: (request): AlertSignal[] => {
      const { action } = readPayload(request, opsgenieActionSchema);
      if (!Object.hasOwn(ACTED_ON, action.toLowerCase())) return [];
      const payload = readPayload(request, opsgeniePayloadSchema);
      // An alert Muster raised to page (its alias is Muster's dedup key) is already an incident: its acknowledgement is read by the paging port.
      if (isMusterPage(payload.alert.alias)) return [];
      return [alertSignal(payload, request.rawBody, context)];
    },
  };
}

/** Secrets are read on every request: with none set, every request is refused, never accepted. */
function verifyOpsgenie(request: WebhookRequest, { config, secrets }: Context): Verification {
  const token = secrets.get('TOKEN') ?? '';
  const authorization = request.headers.authorization?.trim();
  if (authorization) {
    const scheme = authorization.split(/\s/, 1)[0]!.toLowerCase();
    if (scheme === 'basic') return verifyBasic(request, secrets.get('USERNAME') ?? '', secrets.get('PASSWORD') ?? '');
    if (scheme === 'bearer') return verifyBearer(request, token);
    return { ok: false, reason: 'the Authorization header is neither Bearer nor Basic' };
  }
  return verifyHeaderToken(request, config.tokenHeader, token);
}
