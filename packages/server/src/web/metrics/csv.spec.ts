import { expect } from 'chai';
import { csvDocument, csvField } from './csv';

describe('CSV: RFC 4180 with a spreadsheet formula guard', () => {
  it('quotes a field with a comma, quote, CR or LF and doubles its quotes', () => {
    expect(csvField('plain text')).to.equal('plain text');
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('two\nlines')).to.equal('"two\nlines"');
    expect(csvField('cr\rhere')).to.equal('"cr\rhere"');
  });

  it('puts a quote mark in front of text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).to.equal('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvField('+cmd')).to.equal("'+cmd");
    expect(csvField('@x')).to.equal("'@x");
    expect(csvField('-1+1')).to.equal("'-1+1");
    expect(csvField('\tTab')).to.equal("'\tTab");
    expect(csvField('\r=1')).to.equal('"\'\r=1"');
    expect(csvField('a=b')).to.equal('a=b');
  });

  it('writes our own numbers as they are, and nothing for no value', () => {
    expect(csvField(4800)).to.equal('4800');
    expect(csvField(0)).to.equal('0');
    expect(csvField(undefined)).to.equal('');
    expect(csvField(Number.NaN)).to.equal('');
  });

  it('ends every record, the header included, with CRLF', () => {
    expect(csvDocument(['service', 'incidents'], [['checkout', 2], ['a,b', undefined]])).to.equal('service,incidents\r\ncheckout,2\r\n"a,b",\r\n');
  });
});
