import { CHAT_PLATFORMS } from '@muster/core';
import type { z } from 'zod';
import type { ChannelRef } from './file-config';
import { list, oneOf, settings, text } from './schema-kit';

const CHANNEL = settings({
  platform: oneOf(CHAT_PLATFORMS),
  workspaceId: text(),
  conversationId: text(),
}, 'must be a mapping with platform, workspaceId and conversationId');

/** `announcementChannels:` and each list of `stakeholderChannels:`. */
export const CHANNELS: z.ZodType<ChannelRef[]> = list(CHANNEL);

export const STAKEHOLDER_CHANNELS: z.ZodType<{ internal: ChannelRef[]; external: ChannelRef[] }> = settings({
  internal: CHANNELS.default([]),
  external: CHANNELS.default([]),
});
