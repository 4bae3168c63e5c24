import { expect } from 'chai';
import { editDistance, nearest } from './suggest';

describe('suggestions', () => {
  it('counts edits, with an adjacent swap as one', () => {
    expect(editDistance('resolve', 'resolve')).to.equal(0);
    expect(editDistance('reslove', 'resolve')).to.equal(1);
    expect(editDistance('ack', 'acks')).to.equal(1);
    expect(editDistance('', 'abc')).to.equal(3);
    expect(editDistance('😀a', 'a😀')).to.equal(1);
  });

  it('suggests the nearest candidate only when it is close, preferring earlier ones on ties', () => {
    const words = [['status', 'status'], ['sev', 'sev'], ['severity', 'sev'], ['resolve', 'resolve']] as const;
    expect(nearest('statsu', words)).to.equal('status');
    expect(nearest('SEVERTY', words)).to.equal('sev');
    expect(nearest('banana', words)).to.equal(undefined);
    expect(nearest('', words)).to.equal(undefined);
    expect(nearest('x'.repeat(500), words)).to.equal(undefined);
  });

  it('completes an unambiguous beginning of three letters or more', () => {
    const words = [['postmortem', 'postmortem'], ['declare', 'declare'], ['decline', 'decline']] as const;
    expect(nearest('postm', words)).to.equal('postmortem');
    expect(nearest('decl', words)).to.equal(undefined);
  });
});
