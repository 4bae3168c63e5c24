import { injectable } from 'inversify';
import type { AlertIntakeAction, AlertOrigin, AlertSignal } from '../../domain/alert';
import { MusterError } from '../../errors';

export interface AlertIntakeResult {
  readonly groupKey: string;
  readonly deliveryId: string;
  readonly action: AlertIntakeAction;
  /** The incident the signal declared, noted on or resolved. */
  readonly incident?: { readonly id: string; readonly reference: string };
}

/**
 * Turns alert signals into incidents: one open incident per (installation, alert group), later firings
 * noted on its timeline, the source's resolve resolving it (or noted, per `origin.onResolve`), and a
 * redelivered webhook (same delivery id) changing nothing. All signals of one webhook in one transaction.
 */
@injectable()
export class AlertIntake {
  async ingest(_origin: AlertOrigin, _signals: readonly AlertSignal[]): Promise<AlertIntakeResult[]> {
    throw new MusterError('unavailable', 'Alert intake is being built (issue 10).');
  }
}
