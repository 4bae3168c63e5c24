import type { MusterSettings, Repositories } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import type { WebRouting } from './web-routing';

/** What every group of web routes is given by register-web-routes.ts. */
export interface WebDeps {
  readonly web: WebRouting;
  /** Core's services (`container.get(TransitionIncident)`): the dashboard calls the same ones chat does. */
  readonly container: Container;
  readonly store: Store;
  readonly repos: Repositories;
  readonly settings: MusterSettings;
  /** After a change: run the outbox now, so cards in the rooms refresh at once (as after a REST call). */
  kick(): void;
}
