import { z } from '@muster/plugin-sdk';

/*
 * An Opsgenie Webhook integration post (Opsgenie documentation, "Webhook Integration" and "Alert
 * action data"): `action` (Create, Close, Acknowledge, AddNote, UpdatePriority, ...), `alert` (alertId,
 * message, alias, tinyId, entity, tags, teams, priority, source, username, createdAt in ms, updatedAt
 * in ns; description and details on Create when the integration sends them, cut by Opsgenie to 1000
 * characters), `source`, integrationName, integrationId, integrationType.
 *
 * The action is read first; the alert only for the actions this plugin acts on. What decides
 * behaviour (the action, the alert id) must be right; what only describes the alert is read
 * leniently (`catch`), so an odd tag never loses a page.
 */
const optionalText = z.string().optional().catch(undefined);
const idText = z.preprocess((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v), z.string().trim().max(200)).optional().catch(undefined);
const textList = z.array(z.unknown()).transform((items) => items.filter((i): i is string => typeof i === 'string')).optional().catch(undefined);
// updatedAt is nanoseconds: more digits than a double holds, but the same text always reads the same.
const instant = z.union([z.number().finite(), z.string().trim().min(1).max(40)]).optional().catch(undefined);

export const opsgenieActionSchema = z.object({ action: z.string().trim().min(1).max(100) });

export const opsgeniePayloadSchema = z.object({
  action: z.string(),
  alert: z.object({
    alertId: z.string().trim().min(1).max(200),
    message: optionalText,
    alias: idText,
    tinyId: idText,
    entity: optionalText,
    username: optionalText,
    source: optionalText,
    description: optionalText,
    priority: optionalText,
    tags: textList,
    teams: textList,
    createdAt: instant,
    updatedAt: instant,
    details: z.record(z.string(), z.unknown()).optional().catch(undefined),
  }),
  source: z.object({ name: optionalText, type: optionalText }).optional().catch(undefined),
  integrationName: optionalText,
  integrationType: optionalText,
});

export type OpsgeniePayload = z.output<typeof opsgeniePayloadSchema>;
