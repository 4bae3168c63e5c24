import { expect } from 'chai';
import { SecretRedactor } from './secret-redactor';

describe('SecretRedactor: an installation\'s secrets never pass', () => {
  it('hides every occurrence, the longer of two overlapping secrets whole', () => {
    const redactor = new SecretRedactor(['abc', 'abcdef', '']);
    expect(redactor.text('x abcdef y abc z abcabc')).to.equal('x [redacted] y [redacted] z [redacted][redacted]');
  });

  it('walks fields deeply, turning errors into plain name and message', () => {
    const redactor = new SecretRedactor(['s3cr3t']);
    const out = redactor.deep({ a: 's3cr3t', list: ['ok', { b: 'Bearer s3cr3t' }], err: new Error('bad s3cr3t'), n: 4, when: new Date(0) });
    expect(out).to.deep.equal({ a: '[redacted]', list: ['ok', { b: 'Bearer [redacted]' }], err: { name: 'Error', message: 'bad [redacted]' }, n: 4, when: new Date(0) });
  });

  it('also hides credentials no setting names, by core\'s patterns, with the same mark', () => {
    const redactor = new SecretRedactor(['s3cr3t']);
    expect(redactor.text('s3cr3t and xapp-1-A0123456789-abcdef from the monitor')).to.equal('[redacted] and [redacted] from the monitor');
    expect(new SecretRedactor([]).text('Bearer abcdefgh12345')).to.equal('Bearer [redacted]');
  });

  it('stops at a depth, so a cycle cannot hang a log line', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(JSON.stringify(new SecretRedactor(['x']).deep(cyclic))).to.contain('[too deep]');
  });
});
