import { randomUUID } from 'node:crypto';
import { hasEmailLookup, MusterError, type ChatGateway, type ChatGatewayRegistry, type ChatPlatform, type Clock, type DirectoryPort, type IdGenerator, type PersonRef } from '@muster/core';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

export class UuidIdGenerator implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}

/** The gateways of the platforms switched on in this process, one per platform. */
export class StaticGatewayRegistry implements ChatGatewayRegistry {
  private readonly byPlatform: ReadonlyMap<ChatPlatform, ChatGateway>;

  constructor(gateways: readonly ChatGateway[]) {
    const map = new Map<ChatPlatform, ChatGateway>();
    for (const gateway of gateways) {
      if (map.has(gateway.platform)) throw new MusterError('configuration', `Two chat gateways for ${gateway.platform}`);
      map.set(gateway.platform, gateway);
    }
    this.byPlatform = map;
  }

  get(platform: ChatPlatform): ChatGateway | undefined {
    return this.byPlatform.get(platform);
  }

  all(): readonly ChatGateway[] {
    return [...this.byPlatform.values()];
  }
}

/** Sends each look-up to the directory of its platform; a platform that is off knows nobody. */
export class PlatformDirectory implements DirectoryPort {
  constructor(private readonly directories: Partial<Record<ChatPlatform, DirectoryPort>>) {}

  async resolve(platform: ChatPlatform, workspaceId: string, handle: string): Promise<PersonRef | undefined> {
    return this.directories[platform]?.resolve(platform, workspaceId, handle);
  }

  /** Asked of the person's own platform; one that cannot say (or is off) answers undefined. */
  async isWorkspaceAdmin(workspaceId: string, person: PersonRef): Promise<boolean | undefined> {
    const directory = person.platform === 'api' || person.platform === 'webhook' ? undefined : this.directories[person.platform];
    return directory?.isWorkspaceAdmin?.(workspaceId, person);
  }

  /** Only through a directory that, as configured, can find people by email (Teams needs Graph for it). */
  async byEmail(platform: ChatPlatform, workspaceId: string, email: string): Promise<PersonRef | undefined> {
    const directory = this.directories[platform];
    return hasEmailLookup(directory) ? directory.byEmail(workspaceId, email) : undefined;
  }

  /** A group on its platform (a Slack user group); undefined where the platform's directory lists no groups. */
  async groupMembers(platform: ChatPlatform, workspaceId: string, name: string): Promise<readonly PersonRef[] | undefined> {
    return this.directories[platform]?.groupMembers?.(platform, workspaceId, name);
  }
}
