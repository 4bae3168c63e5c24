import type { ChatGateway, ChatPlatform, DirectoryPort, InboundPort, Logger, MusterSettings } from '@muster/core';
import type { Store } from '@muster/store';
import type { ServerConfig } from '../config/server-config';
import type { Router } from '../http/router';
import type { SecretKey } from '../runtime/secret-key';

/** What a platform is given when it mounts: the one inbound door, and a way to say work was queued. */
export interface MountContext {
  readonly inbound: InboundPort;
  readonly settings: MusterSettings;
  readonly logger: Logger;
  /**
   * Called after a request may have queued outbox work (a declare, a button), so the server runs it at
   * once instead of at its next poll. Never awaited: the ack does not wait for it.
   */
  readonly onWorkQueued: () => void;
}

export interface PlatformHealth {
  readonly ok: boolean;
  /** What is wrong, in words an operator can act on; never a secret. */
  readonly detail?: string;
}

/**
 * One chat platform in the server (ARCHITECTURE.md, "one platform seam"): Slack, Teams and the console
 * each implement it, and the server knows nothing else about them. Built only when the platform's
 * credentials are set (see platform-registry.ts).
 */
export interface PlatformIntegration {
  readonly platform: ChatPlatform;
  /** How core posts to this platform (the outbox, replies), bound in the container's gateway registry. */
  readonly gateway: ChatGateway;
  /** How people typed on this platform are resolved. */
  readonly directory?: DirectoryPort;
  /** Mounts the routes this platform is heard on (`POST /slack/events`, `POST /api/messages`). */
  mount(router: Router, context: MountContext): void;
  /** Connects what must connect after the server listens (Slack Socket Mode). */
  start(): Promise<void>;
  /** Stops hearing and finishes the follow-ups it started. */
  stop(): Promise<void>;
  /** Resolves when every follow-up started so far after an ack (modal, upload, reply) has finished. */
  idle(): Promise<void>;
  /** For the readiness probe. */
  health(): Promise<PlatformHealth>;
}

/** What the registry gives every platform it builds. */
export interface PlatformDeps {
  readonly logger: Logger;
  readonly store: Store;
  /** MUSTER_SECRET_KEY (or the embedded key file), resolved only when a platform must seal something. */
  readonly secret: () => SecretKey;
  /** Where a terminal platform (the console) writes; the process's stdout unless a caller (a test, the demo) says otherwise. */
  readonly terminal: { readonly output: NodeJS.WritableStream; readonly color: boolean };
}

/**
 * How each platform is built (platforms/<name>/<name>-integration.ts exports one): undefined when its
 * credentials are not set, a ConfigError naming the variables when they are set wrongly. The registry
 * (platform-registry.ts) calls every factory in its list; a new platform joins with one line there.
 */
export type PlatformFactory = (config: ServerConfig, deps: PlatformDeps) => PlatformIntegration | undefined;
