import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginConfigError, type PluginService, type RunbooksPort } from '@muster/plugin-sdk';
import { activateForTest, undescribedSettings } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import runbooks, { MAX_SECTION_CHARS, runbooksConfigSchema } from './index';

const service = (overrides: Partial<PluginService> = {}): PluginService => ({ name: 'checkout', description: '', owners: [], subjectMatterExperts: [], integrations: {}, runbooks: [], ...overrides });
const RUNBOOK = [
  '<!-- owner: payments; internal notes, not for the room -->',
  '# Checkout <em>down</em>',
  '',
  '1. Check the <b>payments</b> dashboard.',
  '2. Roll back: `kubectl rollout undo deploy/checkout`',
  '',
  '```html',
  '<div>kept as written</div>',
  '# not a heading inside a fence',
  '```',
  '',
  '## Escalation',
  'Page the payments on-call.',
  '',
  '# Appendix',
  'Never posted.',
].join('\n');

describe('runbooks plugin', () => {
  let dir: string;
  let base: string;
  let port: RunbooksPort;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muster-runbooks-'));
    base = join(dir, 'config');
    await mkdir(join(base, 'runbooks'), { recursive: true });
    await writeFile(join(base, 'runbooks', 'checkout.md'), RUNBOOK);
    await writeFile(join(dir, 'secret.md'), '# Secret\nroot password is hunter2');
    port = (await activateForTest(runbooks, { configDirectory: base, config: { baseDir: base } })).ports.runbooks;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error('resolved'); }, (e: unknown) => e as Error);

  it('posts the first section of the catalogue file, to the next heading of the same level, titled by its heading, with the catalogue link', async () => {
    const runbook = await port.runbookFor({ name: 'checkout', service: service({ runbookFile: 'runbooks/checkout.md', runbooks: [{ title: 'Wiki', url: 'https://wiki.example.com/checkout' }] }) });
    expect(runbook!.title).to.equal('Checkout down');
    expect(runbook!.url).to.equal('https://wiki.example.com/checkout');
    const md = runbook!.markdown!;
    expect(md).to.match(/^# Checkout down\n/);
    expect(md).to.contain('1. Check the payments dashboard.');
    expect(md).to.contain('## Escalation\nPage the payments on-call.');
    expect(md).to.contain('<div>kept as written</div>\n# not a heading inside a fence');
    expect(md).not.to.contain('Appendix');
    expect(md).not.to.contain('internal notes');
  });

  it('falls back to the plugin config for a service without a catalogue entry, and to nothing at all', async () => {
    port = (await activateForTest(runbooks, { configDirectory: base, config: { baseDir: base, services: { search: { url: 'https://wiki.example.com/search' } } } })).ports.runbooks;
    expect(await port.runbookFor({ name: 'search' })).to.deep.equal({ title: 'search runbook', url: 'https://wiki.example.com/search' });
    expect(await port.runbookFor({ name: 'billing', service: service({ name: 'billing' }) })).to.equal(undefined);
  });

  it('refuses ../ traversal and absolute paths, without reading or naming the outside file', async () => {
    for (const file of ['../secret.md', 'runbooks/../../secret.md', join(dir, 'secret.md'), 'a\0b']) {
      const error = await refusal(port.runbookFor({ name: 'checkout', service: service({ runbookFile: file }) }));
      expect(error, file).to.be.instanceOf(PluginConfigError);
      expect(error.message).not.to.contain('hunter2');
      expect(error.message).not.to.contain(dir);
    }
  });

  it('refuses a symlink (file or directory) that points out of baseDir', async () => {
    await symlink(join(dir, 'secret.md'), join(base, 'runbooks', 'link.md'));
    await symlink(dir, join(base, 'escape'));
    for (const file of ['runbooks/link.md', 'escape/secret.md']) {
      const error = await refusal(port.runbookFor({ name: 'checkout', service: service({ runbookFile: file }) }));
      expect(error, file).to.be.instanceOf(PluginConfigError);
      expect(error.message).to.match(/outside the runbooks directory/);
    }
  });

  it('follows a symlink that stays inside, and says clearly when a file is missing or a directory', async () => {
    await symlink(join(base, 'runbooks', 'checkout.md'), join(base, 'current.md'));
    expect((await port.runbookFor({ name: 'checkout', service: service({ runbookFile: 'current.md' }) }))!.title).to.equal('Checkout down');
    expect((await refusal(port.runbookFor({ name: 'checkout', service: service({ runbookFile: 'nope.md' }) }))).message).to.match(/does not exist/);
    expect((await refusal(port.runbookFor({ name: 'checkout', service: service({ runbookFile: 'runbooks' }) }))).message).to.match(/is not a file/);
  });

  it('caps a huge file: reads 256 KiB at most and posts at most 3000 characters, a cut code block closed', async () => {
    const huge = `# Huge\n\`\`\`\n${'x'.repeat(80)}\n`.repeat(1) + `${'line of a long code block\n'.repeat(20_000)}`;
    await writeFile(join(base, 'huge.md'), huge);
    const runbook = await port.runbookFor({ name: 'checkout', service: service({ runbookFile: 'huge.md' }) });
    expect(runbook!.markdown!.length).to.be.at.most(MAX_SECTION_CHARS);
    expect(runbook!.markdown).to.match(/\n```\n…$/);
    expect(runbook!.title).to.equal('Huge');
  });

  it('a file without a heading is posted from the start, titled by the catalogue link or the service', async () => {
    await writeFile(join(base, 'plain.md'), 'Restart the pods.\n<script>alert(1)</script>\n');
    const runbook = await port.runbookFor({ name: 'checkout', service: service({ runbookFile: 'plain.md' }) });
    expect(runbook).to.deep.equal({ title: 'checkout runbook', markdown: 'Restart the pods.\nalert(1)' });
  });

  it('describes every setting and does no HTTP', async () => {
    expect(undescribedSettings(runbooksConfigSchema)).to.deep.equal([]);
    const plugin = await activateForTest(runbooks, { configDirectory: base, config: { baseDir: base } });
    await plugin.ports.runbooks.runbookFor({ name: 'checkout', service: service({ runbookFile: 'runbooks/checkout.md' }) });
    expect(plugin.httpCalls).to.have.length(0);
  });
});
