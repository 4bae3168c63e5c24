import type { ChatGateway, ChatPlatform, DirectoryPort, InboundPort, Logger, MusterSettings } from '@muster/core';
import type { Router } from '../http/router';

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
