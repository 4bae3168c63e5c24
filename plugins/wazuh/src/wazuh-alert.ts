import { z } from '@muster/plugin-sdk';

/*
 * One Wazuh alert as the manager writes it to alerts.json and the integrator hands it to an
 * integration script with <alert_format>json</alert_format> (Wazuh documentation, "Integration with
 * third-party APIs" and "Alerts": timestamp, rule {level, description, id, groups, mitre}, agent
 * {id, name, ip}, manager {name}, id, full_log, decoder, location, data).
 *
 * What decides behaviour (the alert id, the rule id and level) must be right, or the webhook is
 * refused with the field named. What only describes the alert is read leniently (`catch`): a rule
 * with an odd `groups` value still pages someone rather than being lost.
 */
// Ids and levels are strings and numbers in alerts.json; a sender that writes the other kind is still understood.
const idText = z.preprocess((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v), z.string().trim().min(1).max(200));
const ruleLevel = z.preprocess((v) => (typeof v === 'string' && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : v), z.number().int().min(0).max(16));
const optionalText = z.string().optional().catch(undefined);
const textList = z.array(z.unknown()).transform((items) => items.filter((i): i is string => typeof i === 'string')).optional().catch(undefined);

export const wazuhAlertSchema = z.object({
  id: idText,
  timestamp: optionalText,
  rule: z.object({
    id: idText,
    level: ruleLevel,
    description: optionalText,
    groups: textList,
    mitre: z.object({ id: textList, tactic: textList, technique: textList }).optional().catch(undefined),
  }),
  agent: z.object({ id: idText.optional().catch(undefined), name: optionalText, ip: optionalText }).optional().catch(undefined),
  agentless: z.object({ host: optionalText }).optional().catch(undefined),
  manager: z.object({ name: optionalText }).optional().catch(undefined),
  full_log: optionalText,
  location: optionalText,
  decoder: z.object({ name: optionalText }).optional().catch(undefined),
  data: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export type WazuhAlert = z.output<typeof wazuhAlertSchema>;
