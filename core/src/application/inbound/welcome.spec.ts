import { expect } from 'chai';
import { buildApp } from '../container/app-harness.spec-helper';
import type { CommandExtensions, RuntimeCommand } from '../extensions/extension-points';
import { TOKENS } from '../container/tokens';
import { textFor, type View } from '../views/view';
import type { InboundPort } from './inbound.port';

const shown = (view: View, prefix: string): string =>
  view.blocks.map((b) => (b.type === 'list' ? b.items.map((i) => textFor(i, prefix)).join('\n') : b.type === 'text' || b.type === 'context' ? textFor(b.text, prefix) : b.type === 'header' ? b.text : '')).join('\n');

const page: RuntimeCommand = {
  name: 'page', syntax: 'page <service|@person>', summary: 'Page the on-call of a service.', examples: ['page checkout'], takesIncident: true,
  run: async () => ({ visibility: 'ephemeral', view: { fallback: 'paged', blocks: [] } }),
};

describe('InboundPort.welcome: what Muster says where it arrives', () => {
  it('is the help overview of every command answered now, plugin commands included, with the platform\'s prefix', async () => {
    const app = buildApp();
    const inbound = app.container.get<InboundPort>(TOKENS.InboundPort);
    const extensions = app.container.get<CommandExtensions>(TOKENS.CommandExtensions);
    const before = await inbound.welcome('@Muster');
    expect(shown(before, '@Muster')).to.include('@Muster declare').and.not.include('page');

    extensions.register('pager-plugin', page);
    const after = await inbound.welcome('@Muster');
    expect(shown(after, '@Muster')).to.include('Plugins').and.include('@Muster page <service|@person> — Page the on-call of a service.');
    expect(after.fallback).to.include('page').and.include('@Muster help <command>');

    extensions.unregisterAll('pager-plugin');
    expect(shown(await inbound.welcome('@Muster'), '@Muster'), 'gone with its plugin').not.to.include('page');
  });
});
