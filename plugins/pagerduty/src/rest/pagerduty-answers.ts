import { z } from '@muster/plugin-sdk';

/*
 * The parts of PagerDuty REST API v2 answers this plugin reads ("API Reference": Incidents,
 * Services, On-Calls, Users). Ids and what decides behaviour are checked; the rest is optional, and
 * lists are capped so a runaway answer cannot make the plugin page hundreds of people.
 */
const id = z.string().trim().min(1).max(200);
const text = z.string().max(2000).optional().catch(undefined);

export const incidentSchema = z.object({
  id,
  incident_number: z.number().int().nonnegative().optional().catch(undefined),
  title: text,
  status: z.string().max(50),
  html_url: text,
  incident_key: z.string().max(500).nullish().catch(undefined),
});
export type RestIncident = z.output<typeof incidentSchema>;

export const incidentAnswer = z.object({ incident: incidentSchema });
export const incidentsAnswer = z.object({ incidents: z.array(incidentSchema).max(500) });

export const serviceAnswer = z.object({
  service: z.object({ id, name: text, escalation_policy: z.object({ id }) }),
});

export const userSchema = z.object({ id, name: text, email: z.string().max(320).optional().catch(undefined) });
export const usersAnswer = z.object({ users: z.array(userSchema).max(500) });

export const oncallsAnswer = z.object({
  oncalls: z.array(z.object({
    escalation_level: z.number().int().optional().catch(undefined),
    // With include[]=users the user is the full user; without it, a reference (no email).
    user: userSchema,
  })).max(500),
});
