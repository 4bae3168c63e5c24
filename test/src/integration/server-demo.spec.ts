import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, runCli, tempDir } from './server-support';

describe('muster demo (child process)', () => {
  let dir: string;

  before(() => { dir = tempDir('demo'); });
  after(() => removeDir(dir));

  it('plays an incident from declaration to postmortem and writes the postmortem', async () => {
    const out = join(dir, 'pm.md');
    const result = await runCli(['demo', '--out', out], { cwd: dir });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain(`The postmortem of INC-1 is in ${out}`);
    // The refused action is shown to the person who tried it.
    expect(result.stdout).to.match(/Only the Incident Commander or Operations Lead can change the severity/);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).to.contain('# Postmortem: INC-1 Checkout errors for EU customers');
    expect(markdown).to.match(/\| Time to acknowledge \| \d+m \d\ds \|/);
    expect(markdown).to.match(/\| Time to resolve \| \d+m \d\ds \|/);
    expect(markdown).to.contain('## Timeline');
    expect(markdown).to.contain('Severity SEV2 → SEV1');
    expect(markdown).to.match(/External update published .* approved by carl/);
    expect(markdown).to.contain('ben is now Operations Lead');
    expect(markdown).to.contain('carl is now Communications Lead');
    // A throw-away database: nothing is left in the working directory.
    expect(existsSync(join(dir, 'data'))).to.equal(false);
  });
});
