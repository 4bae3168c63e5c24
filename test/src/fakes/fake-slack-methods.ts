/**
 * The Web API methods of the fake Slack (fake-slack-api.ts), as handlers over its workspace
 * (fake-slack-state.ts). A handler gets the call's arguments (token already checked and removed)
 * and returns the body after `ok: true`, or throws SlackFailure for `ok: false, error`.
 *
 * Implemented: auth.test, chat.postMessage/update/postEphemeral/getPermalink, conversations.create/
 * invite/setTopic/archive/history/replies/info/list, pins.add, bookmarks.add, views.open/update/push,
 * users.info (is_admin / is_owner from the user's role), users.lookupByEmail (only users added with an
 * email), usergroups.list / usergroups.users.list (groups added with addUserGroup), oauth.v2.access, files.getUploadURLExternal/completeUploadExternal (the upload URL between
 * them is served by fake-slack-api.ts). Bad channel names get Slack's specific codes (`invalid_name_specials`,
 * `_maxlength`, `_required`).
 */
import { INSTALLED_BOT, SlackFailure, USER_ID, bool, channelJson, messageJson, page, str, type Args, type Body, type FakeMessage, type FakeSlackWorkspace } from './fake-slack-state';

export type SlackMethod = (args: Args) => Body;
const { teamId, botUserId, botId } = INSTALLED_BOT;

function requireView(args: Body): Body {
  if (!args.view || typeof args.view !== 'object') throw new SlackFailure('invalid_arguments');
  return args.view as Body;
}

/** The handlers by method name; `origin` is the fake server's, for the upload URLs it hands out. */
export function slackMethods(workspace: FakeSlackWorkspace, origin: string): Record<string, SlackMethod> {
  return {
    'auth.test': () => ({ url: 'https://fake.slack.com/', team: 'Fake Team', user: 'muster', team_id: teamId, user_id: botUserId, bot_id: botId, is_enterprise_install: false }),

    'chat.postMessage': (args) => {
      const channel = workspace.requireChannel(args, 'channel', true);
      const blocks = args.blocks as unknown[] | undefined;
      if (!str(args.text) && !blocks?.length) throw new SlackFailure('no_text');
      if (blocks && blocks.length > 50) throw new SlackFailure('invalid_blocks');
      if (str(args.text).length > 40000) throw new SlackFailure('msg_too_long');
      const message: FakeMessage = {
        type: 'message', ts: workspace.nextTs(), user: botUserId, bot_id: botId, text: str(args.text),
        ...(blocks ? { blocks } : {}), ...(args.metadata ? { metadata: args.metadata as FakeMessage['metadata'] } : {}),
        ...(args.thread_ts ? { thread_ts: str(args.thread_ts) } : {}),
      };
      if (message.thread_ts) workspace.requireMessage(channel, message.thread_ts);
      workspace.messages.get(channel.id)?.push(message);
      return { channel: channel.id, ts: message.ts, message: messageJson(message, true) };
    },

    'chat.update': (args) => {
      const channel = workspace.requireChannel(args, 'channel', true);
      const message = workspace.requireMessage(channel, str(args.ts));
      if (args.text !== undefined) message.text = str(args.text);
      if (args.blocks !== undefined) message.blocks = args.blocks as unknown[];
      message.edited = { user: botUserId, ts: workspace.nextTs() };
      return { channel: channel.id, ts: message.ts, text: message.text, message: messageJson(message, true) };
    },

    'chat.postEphemeral': (args) => {
      const channel = workspace.requireChannel(args, 'channel', true);
      const user = str(args.user);
      if (!USER_ID.test(user)) throw new SlackFailure('user_not_found');
      if (!channel.members.has(user)) throw new SlackFailure('user_not_in_channel');
      workspace.ephemerals.get(channel.id)?.push({ user, text: str(args.text), ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}) });
      return { message_ts: workspace.nextTs() };
    },

    'chat.getPermalink': (args) => {
      const channel = workspace.requireChannel(args);
      const ts = workspace.requireMessage(channel, str(args.message_ts)).ts;
      return { channel: channel.id, permalink: `https://fake.slack.com/archives/${channel.id}/p${ts.replace('.', '')}` };
    },

    'conversations.create': (args) => {
      const name = str(args.name);
      if (name === '') throw new SlackFailure('invalid_name_required');
      if (name.length > 80) throw new SlackFailure('invalid_name_maxlength');
      if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackFailure('invalid_name_specials');
      if (workspace.channel(name)) throw new SlackFailure('name_taken');
      return { channel: channelJson(workspace.createChannel(name, bool(args.is_private), [botUserId])) };
    },

    'conversations.invite': (args) => {
      const channel = workspace.requireChannel(args, 'channel', true);
      if (!channel.members.has(botUserId)) throw new SlackFailure('not_in_channel');
      const ids = str(args.users).split(',').map((u) => u.trim()).filter(Boolean);
      if (ids.length === 0 || ids.length > 1000) throw new SlackFailure('invalid_arguments');
      const errors = ids.flatMap((user) => {
        const error = user === botUserId ? 'cant_invite_self' : !USER_ID.test(user) ? 'user_not_found' : channel.members.has(user) ? 'already_in_channel' : undefined;
        return error ? [{ user, ok: false, error }] : [];
      });
      const valid = ids.filter((id) => !errors.some((e) => e.user === id));
      if (errors.length > 0 && (!bool(args.force) || valid.length === 0)) throw new SlackFailure(errors[0]?.error ?? 'invalid_arguments', { errors });
      for (const id of valid) channel.members.add(id);
      return { channel: channelJson(channel), ...(errors.length > 0 ? { errors } : {}) };
    },

    'conversations.setTopic': (args) => {
      const channel = workspace.requireChannel(args, 'channel', true);
      if (str(args.topic).length > 250) throw new SlackFailure('too_long');
      channel.topic = str(args.topic);
      return { channel: channelJson(channel) };
    },

    'conversations.archive': (args) => {
      const channel = workspace.requireChannel(args);
      if (channel.archived) throw new SlackFailure('already_archived');
      channel.archived = true;
      return {};
    },

    'conversations.history': (args) => {
      const channel = workspace.requireChannel(args);
      const oldest = Number(str(args.oldest) || 0);
      const top = (workspace.messages.get(channel.id) ?? []).filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && Number(m.ts) > oldest).reverse();
      const { items, ...paging } = page(top, args, 100);
      return { messages: items.map((m) => messageJson(m, bool(args.include_all_metadata))), ...paging };
    },

    'conversations.replies': (args) => {
      const channel = workspace.requireChannel(args);
      const parent = workspace.requireMessage(channel, str(args.ts));
      const oldest = Number(str(args.oldest) || 0);
      const replies = (workspace.messages.get(channel.id) ?? []).filter((m) => m.thread_ts === parent.ts && m !== parent && Number(m.ts) > oldest);
      const all = [parent, ...replies].slice(0, Number(str(args.limit) || 1000));
      return { messages: all.map((m) => messageJson(m, bool(args.include_all_metadata))), has_more: false, response_metadata: { next_cursor: '' } };
    },

    'conversations.info': (args) => ({ channel: channelJson(workspace.requireChannel(args)) }),

    'conversations.list': (args) => {
      const types = new Set((str(args.types) || 'public_channel').split(',').map((t) => t.trim()));
      const listed = [...workspace.channels.values()].filter((c) =>
        (c.isPrivate ? types.has('private_channel') && c.members.has(botUserId) : types.has('public_channel')) && !(bool(args.exclude_archived) && c.archived));
      const { items, response_metadata } = page(listed, args, 100);
      return { channels: items.map(channelJson), response_metadata };
    },

    'pins.add': (args) => {
      const channel = workspace.requireChannel(args, 'channel', true);
      const ts = workspace.requireMessage(channel, str(args.timestamp)).ts;
      if (channel.pins.includes(ts)) throw new SlackFailure('already_pinned');
      channel.pins.push(ts);
      return {};
    },

    'bookmarks.add': (args) => {
      const channel = workspace.requireChannel(args, 'channel_id', true);
      if (str(args.type) !== 'link' || !/^https?:\/\//.test(str(args.link))) throw new SlackFailure('invalid_link');
      const bookmark = { id: workspace.nextId('Bk'), title: str(args.title), link: str(args.link) };
      channel.bookmarks.push(bookmark);
      return { bookmark: { ...bookmark, channel_id: channel.id, type: 'link', date_created: Math.floor(Date.now() / 1000) } };
    },

    'views.open': (args) => {
      if (!str(args.trigger_id)) throw new SlackFailure('invalid_trigger_id');
      const id = workspace.nextId('V');
      const view = workspace.viewJson(requireView(args), id, null);
      workspace.views.set(id, view);
      return { view };
    },

    'views.push': (args) => {
      if (!str(args.trigger_id)) throw new SlackFailure('invalid_trigger_id');
      const id = workspace.nextId('V');
      const view = workspace.viewJson(requireView(args), id, null);
      workspace.views.set(id, view);
      return { view };
    },

    'views.update': (args) => {
      const id = str(args.view_id) || [...workspace.views.values()].find((v) => v.external_id && v.external_id === str(args.external_id))?.id;
      const current = typeof id === 'string' ? workspace.views.get(id) : undefined;
      if (!current || typeof id !== 'string') throw new SlackFailure('not_found');
      if (args.hash && args.hash !== current.hash) throw new SlackFailure('hash_conflict');
      const view = workspace.viewJson(requireView(args), id, str(current.previous_view_id) || null);
      workspace.views.set(id, view);
      return { view };
    },

    'users.info': (args) => {
      const user = str(args.user);
      if (!USER_ID.test(user)) throw new SlackFailure('user_not_found');
      return { user: workspace.userJson(user) };
    },

    'users.lookupByEmail': (args) => {
      const email = str(args.email).toLowerCase();
      if (!email) throw new SlackFailure('invalid_arguments');
      const user = [...workspace.users.values()].find((u) => u.email?.toLowerCase() === email);
      if (!user) throw new SlackFailure('users_not_found');
      return { user: workspace.userJson(user.id) };
    },

    // api.slack.com/methods/usergroups.list: groups of the team, deleted ones only with include_disabled,
    // users only with include_users; date_delete is 0 for a live group.
    'usergroups.list': (args) => ({
      usergroups: [...workspace.userGroups.values()].filter((g) => !g.deleted || bool(args.include_disabled)).map((g) => ({
        id: g.id, team_id: teamId, is_usergroup: true, is_subteam: true, name: g.name, description: '', handle: g.handle, is_external: false,
        date_create: 1_700_000_000, date_update: 1_700_000_000, date_delete: g.deleted ? 1_700_000_100 : 0, auto_type: null,
        created_by: 'U0ADMIN', updated_by: 'U0ADMIN', deleted_by: null, prefs: { channels: [], groups: [] }, user_count: g.users.length,
        ...(bool(args.include_users) ? { users: [...g.users] } : {}),
      })),
    }),

    // api.slack.com/methods/usergroups.users.list: the member ids; `no_such_subteam` for an unknown group.
    'usergroups.users.list': (args) => {
      const group = workspace.userGroups.get(str(args.usergroup));
      if (!group) throw new SlackFailure(str(args.usergroup) ? 'no_such_subteam' : 'invalid_arguments');
      if (group.deleted && !bool(args.include_disabled)) throw new SlackFailure('subteam_disabled');
      return { users: [...group.users] };
    },

    'files.getUploadURLExternal': (args) => {
      const length = Number(str(args.length));
      if (!str(args.filename) || !Number.isInteger(length) || length <= 0) throw new SlackFailure('invalid_arguments');
      const id = workspace.nextId('F');
      workspace.files.set(id, { id, name: str(args.filename), title: str(args.filename), length, permalink: `https://fake.slack.com/files/${botUserId}/${id}/${encodeURIComponent(str(args.filename))}` });
      return { upload_url: `${origin}/upload/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (args) => {
      const listed = Array.isArray(args.files) ? (args.files as Body[]) : [];
      if (listed.length === 0) throw new SlackFailure('invalid_arguments');
      const files = listed.map((f) => {
        const file = workspace.files.get(str(f.id));
        if (!file || file.content === undefined) throw new SlackFailure('file_not_found');
        if (f.title) file.title = str(f.title);
        return file;
      });
      if (args.channel_id) {
        const channel = workspace.requireChannel(args, 'channel_id', true);
        for (const file of files) file.channel = channel.id;
        workspace.messages.get(channel.id)?.push({
          type: 'message', ts: workspace.nextTs(), user: botUserId, bot_id: botId, text: str(args.initial_comment),
          files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, permalink: f.permalink })),
        });
      }
      return { files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, permalink: f.permalink, size: f.length })) };
    },

    'oauth.v2.access': (args) => {
      const code = str(args.code);
      if (!workspace.oauthCodes.delete(code)) throw new SlackFailure('invalid_code');
      const token = `xoxb-fake-${workspace.nextId('')}`;
      workspace.tokens.set(token, { revoked: false });
      return {
        access_token: token, token_type: 'bot', scope: 'commands,chat:write', bot_user_id: botUserId, app_id: INSTALLED_BOT.appId,
        team: { id: teamId, name: 'Fake Team' }, enterprise: null, is_enterprise_install: false, authed_user: { id: 'U0INSTALLER' },
      };
    },
  };
}
