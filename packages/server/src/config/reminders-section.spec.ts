import { expect } from 'chai';
import { DEFAULT_REMINDERS } from '@muster/core';
import { yamlFileFixture } from './yaml-file.spec-helper';

describe('muster.yaml reminders:', () => {
  const { withFile, problemsOf } = yamlFileFixture('muster-reminders-');

  it('has every reminder on by default', () => {
    expect(withFile('roomNamePattern: inc-{number}').settings.reminders).to.deep.equal(DEFAULT_REMINDERS);
    expect(DEFAULT_REMINDERS).to.deep.equal({ updates: true, commanderVacantMinutes: 10, actionItemsOverdue: true, postmortemAfterDays: 2 });
  });

  it('switches each one off with false or 0, keeps the others, and all of them with reminders: false', () => {
    expect(withFile('reminders: { updates: false, commanderVacantMinutes: false, postmortemAfterDays: 5 }').settings.reminders)
      .to.deep.equal({ updates: false, commanderVacantMinutes: 0, actionItemsOverdue: true, postmortemAfterDays: 5 });
    expect(withFile('reminders: { commanderVacantMinutes: 0, actionItemsOverdue: false }').settings.reminders)
      .to.deep.equal({ updates: true, commanderVacantMinutes: 0, actionItemsOverdue: false, postmortemAfterDays: 2 });
    expect(withFile('reminders: false').settings.reminders).to.deep.equal({ updates: false, commanderVacantMinutes: 0, actionItemsOverdue: false, postmortemAfterDays: 0 });
  });

  it('refuses bad values and unknown keys, naming the key', () => {
    const problems = problemsOf('reminders: { updates: sometimes, commanderVacantMinutes: -5, postmortemAfterDays: 1.5, actionItemsOverdu: true }').join('\n');
    expect(problems).to.match(/reminders\.updates.*true or false/);
    expect(problems).to.match(/reminders\.commanderVacantMinutes.*whole number of minutes from 0/);
    expect(problems).to.match(/reminders\.postmortemAfterDays.*whole number of days from 0/);
    expect(problems).to.match(/actionItemsOverdu/);
    expect(problemsOf('reminders: true').join('\n')).to.match(/reminders.*mapping of updates/);
  });
});
