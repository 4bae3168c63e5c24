import { fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { incidentLines, toAdf, toWiki } from './description';
import { adfProblem } from './fake';
import { summaryOf } from './issue-fields';
import { asShown } from './index';

describe('jira: what the issue says', () => {
  const hostile = fakeIncident({
    summary: 'First line\n\n  second line  \n',
    rooms: [
      { platform: 'slack', name: 'inc-1|x]', url: 'https://example.slack.com/archives/C0INC1?a=|]' },
      { platform: 'teams', name: 'evil', url: 'javascript:alert(1)' },
      { platform: 'teams', name: 'creds', url: 'https://user:pass@teams.example/' },
      { platform: 'console' },
    ],
  });

  it('ADF: one paragraph per summary line, links only to http(s) rooms without credentials, valid for Jira', () => {
    const adf = toAdf(incidentLines(hostile, 'Major')) as { content: { content: { text: string }[] }[] };
    expect(adfProblem(adf)).to.equal(undefined);
    expect(adf.content.slice(0, 2).map((p) => p.content[0]!.text)).to.deep.equal(['First line', 'second line']);
    const text = JSON.stringify(adf);
    expect(text).not.to.include('javascript:').and.not.to.include('pass@');
    expect(adfProblem(toAdf(incidentLines(fakeIncident({ summary: '', services: [], rooms: [] }), undefined)))).to.equal(undefined);
  });

  it('wiki text: markup in user text is escaped, a link cannot be broken out of', () => {
    const wiki = toWiki(incidentLines({ ...hostile, summary: '{html}<script>{html} [x|javascript:y]' }, undefined));
    expect(wiki).to.include('\\{html\\}<script>\\{html\\} \\[x\\|javascript:y\\]');
    expect(wiki).to.include('[inc-1/x\\]|https://example.slack.com/archives/C0INC1?a=%7C%5D]');
    expect(wiki).not.to.include('javascript:alert');
  });

  it('the summary is one line of at most 255 characters, control characters gone', () => {
    expect(summaryOf('INC-7', 'a\u0000b\tc\r\nd\u007f')).to.equal('[INC-7] a b c d');
    const long = summaryOf('INC-7', 'x'.repeat(400));
    expect(long).to.have.length(255);
    expect(long.endsWith('…')).to.equal(true);
  });
});

describe('jira: a private incident', () => {
  it('shows Jira its reference and severity, never its title or summary', () => {
    const shown = asShown({ ...fakeIncident({ title: 'Customer database dump leaked', summary: 'Keys of acme in the dump' }), private: true });
    expect(shown.title).to.equal('Private incident');
    expect(shown.summary).to.equal(undefined);
    expect(JSON.stringify(toAdf(incidentLines(shown, 'Critical')))).to.not.match(/leaked|acme/);
    expect(summaryOf(shown.reference, shown.title)).to.not.match(/leaked/);
  });
});
