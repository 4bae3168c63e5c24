import type { AlertSignal } from '@muster/core';
import { z } from 'zod';

const text = (max: number) => z.string().min(1).max(max);

/**
 * What `parse` must return, checked before anything is stored: a plugin bug that returns something
 * else is the plugin's failure (answered 400 "could not be read"), never a half-made incident.
 */
const SIGNALS = z.array(z.object({
  status: z.enum(['firing', 'resolved']),
  groupKey: text(500),
  deliveryId: text(500),
  title: z.string().max(10_000),
  summary: z.string().max(40_000).optional(),
  severity: z.string().max(64).optional(),
  services: z.array(z.string().max(200)).max(50).optional(),
  url: z.string().max(2000).optional(),
  startedAt: z.string().max(64).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  alerts: z.array(z.object({
    id: z.string().max(500), status: z.enum(['firing', 'resolved']), title: z.string().max(2000).optional(), url: z.string().max(2000).optional(),
  })).max(1000).optional(),
})).max(500);

export function checkedSignals(returned: unknown): readonly AlertSignal[] {
  const parsed = SIGNALS.safeParse(returned);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new Error(`parse returned signals Muster cannot use (${first ? `${first.path.join('.') || 'the list'}: ${first.message}` : 'not a list'})`);
}
