import type { ChatPlatform } from './person';

/**
 * What an alert source says about one alert group, as the plugin host hands it to core (the same
 * shape as the plugin SDK's `AlertSignal`; core cannot import the SDK). See services/alert-intake.ts.
 */
export interface AlertSignal {
  readonly status: 'firing' | 'resolved';
  /** One open incident per (installation, groupKey). */
  readonly groupKey: string;
  /** A redelivery carries the same id and changes nothing. */
  readonly deliveryId: string;
  readonly title: string;
  readonly summary?: string;
  readonly severity?: string;
  readonly services?: readonly string[];
  readonly url?: string;
  readonly startedAt?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly alerts?: readonly { readonly id: string; readonly status: 'firing' | 'resolved'; readonly title?: string; readonly url?: string }[];
}

/** Which installation of which alert source a signal came through, and what it may do. */
export interface AlertOrigin {
  /** The plugin id, recorded as the timeline source: `alertmanager`. */
  readonly pluginId: string;
  /** The plugin's display name for people: `Prometheus Alertmanager`. */
  readonly pluginName: string;
  /** `config` for the muster.yaml installation; the installation id for one made from chat. */
  readonly installationId: string;
  readonly tenantId: string;
  /** Where the incident's room opens: the workspace the plugin was installed from, else the home. */
  readonly roomsAt?: { readonly platform: ChatPlatform; readonly workspaceId: string };
  readonly onResolve: 'resolve' | 'note';
  readonly private: boolean;
}

/** What one signal did. `duplicate`: a redelivery, nothing changed. */
export type AlertIntakeAction = 'declared' | 'noted' | 'resolved' | 'duplicate' | 'ignored';
