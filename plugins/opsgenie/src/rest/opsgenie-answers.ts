import { z } from '@muster/plugin-sdk';

/*
 * The parts of Opsgenie REST answers this plugin reads (Alert API: create → 202 { result, took,
 * requestId }, get request status, get alert; Who-is-on-call API: schedule on-calls with flat=true).
 */
const id = z.string().trim().min(1).max(200);

export const acceptedAnswer = z.object({ requestId: id });

export const requestStatusAnswer = z.object({
  data: z.object({
    isSuccess: z.boolean(),
    status: z.string().max(1000).optional().catch(undefined),
    alertId: z.string().max(200).optional().catch(undefined),
    alias: z.string().max(600).optional().catch(undefined),
  }),
});

export const alertAnswer = z.object({
  data: z.object({
    id,
    tinyId: z.union([z.string().max(50), z.number().int()]).transform(String).optional().catch(undefined),
    alias: z.string().max(600).optional().catch(undefined),
    status: z.string().max(50).optional().catch(undefined),
    acknowledged: z.boolean().optional().catch(undefined),
  }),
});
export type OpsgenieAlert = z.output<typeof alertAnswer>['data'];

export const onCallsAnswer = z.object({
  data: z.object({
    // With flat=true: the usernames (emails) of whoever is on call now.
    onCallRecipients: z.array(z.string().max(320)).max(200).default([]),
  }),
});
