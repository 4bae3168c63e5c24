/** The fields of a Slack message (event or shortcut payload) the timeline uses. Read defensively: all optional on the wire. */
export interface SlackMessageLike {
  readonly ts?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly subtype?: string;
  readonly text?: string;
  readonly thread_ts?: string;
  readonly files?: readonly SlackFileLike[];
  readonly edited?: { readonly ts?: string };
}

export interface SlackFileLike {
  readonly name?: string;
  readonly title?: string;
  readonly permalink?: string;
}

/**
 * Shared files as links on the timeline (name and permalink). The bytes stay in Slack, where access
 * rules apply; the permalink opens them for anyone allowed to see them.
 */
export function filesOf(message: SlackMessageLike): { name: string; url: string }[] {
  return (message.files ?? []).flatMap((f) => {
    if (!f.permalink || !/^https?:\/\//.test(f.permalink)) return [];
    return [{ name: (f.title || f.name || 'file').slice(0, 200), url: f.permalink }];
  });
}
