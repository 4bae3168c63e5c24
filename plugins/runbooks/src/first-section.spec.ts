import { expect } from 'chai';
import fc from 'fast-check';
import { firstSection, MAX_SECTION_CHARS } from './first-section';

describe('runbooks: firstSection', () => {
  it('starts at the first heading of any level and stops at the next one as high or higher', () => {
    expect(firstSection('intro\n## Steps\n1. a\n### Detail\nb\n## Next\nc')).to.deep.equal({ title: 'Steps', markdown: '## Steps\n1. a\n### Detail\nb' });
    expect(firstSection('### Deep\nx\n# Top\ny').markdown).to.equal('### Deep\nx');
  });

  it('reads CRLF files, closing #s, tilde fences, and ignores #hashtags that are no headings', () => {
    expect(firstSection('# Restart ##\r\nstep\r\n#notaheading\r\n~~~\r\n# in fence\r\n~~~\r\n# Next\r\n')).to.deep.equal({
      title: 'Restart', markdown: '# Restart ##\nstep\n#notaheading\n~~~\n# in fence\n~~~',
    });
  });

  it('keeps an unclosed fence to the end, and removes an unclosed HTML comment to the end of its prose', () => {
    expect(firstSection('# A\n```\n# b\n').markdown).to.equal('# A\n```\n# b');
    expect(firstSection('# A\nkeep\n<!-- hidden\nstill hidden').markdown).to.equal('# A\nkeep');
  });

  it('gives a plain title: inline markup and links stripped, at most 200 characters', () => {
    expect(firstSection('# **Checkout** [runbook](https://x.example) `v2`\n').title).to.equal('Checkout runbook v2');
    expect(firstSection(`# ${'t'.repeat(500)}\n`).title).to.have.length(200);
    expect(firstSection('#\nno title').title).to.equal(undefined);
  });

  it('never posts more than 3000 characters nor a title over 200, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8000, unit: fc.constantFrom('#', ' ', '\n', '`', '~', '<', '>', '!', '-', 'a', 'é', '\r') }), (text) => {
      const section = firstSection(text);
      expect(section.markdown.length).to.be.at.most(MAX_SECTION_CHARS);
      expect((section.title ?? '').length).to.be.at.most(200);
    }), { numRuns: 300 });
  });
});
