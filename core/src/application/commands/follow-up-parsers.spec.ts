import { expect } from 'chai';
import { failure, parse } from './command-parser.spec-helper';

describe('parseCommand: list, actions, postmortem steps', () => {
  it('lists open incidents by default, and reads filters in any order and spelling', () => {
    expect(parse('list')).to.deep.equal({ name: 'list', scope: 'open', mine: false });
    expect(parse('list all --sev sev1 --service Checkout --mine')).to.deep.equal({ name: 'list', scope: 'all', severity: 'SEV1', service: 'Checkout', mine: true });
    expect(parse('list --mine --severity=SEV2 open')).to.deep.equal({ name: 'list', scope: 'open', severity: 'SEV2', mine: true });
  });

  it('refuses a list filter it does not know, a missing value, an unknown severity and a reference in front', () => {
    expect(failure('list --owner bob').message).to.include('not an option of `list`');
    expect(failure('list --sev').code).to.equal('missing_argument');
    expect(failure('list --service --mine').code).to.equal('missing_argument');
    expect(failure('list --sev SEV9').code).to.equal('unknown_severity');
    expect(failure('list closed').message).to.include('`open` or `all`');
    expect(failure('list all all').code).to.equal('invalid_argument');
    expect(failure('list --mine=yes').message).to.include('takes no value');
    expect(failure('INC-4 list').message).to.include('does not act on an existing incident');
  });

  it('reads actions, done, reopen and assign with the item number people see', () => {
    expect(parse('actions')).to.deep.equal({ name: 'actions', step: { kind: 'list' } });
    expect(parse('INC-3 actions done 2')).to.deep.equal({ name: 'actions', step: { kind: 'done', number: 2 }, incidentRef: 'INC-3' });
    expect(parse('actions reopen #1')).to.deep.equal({ name: 'actions', step: { kind: 'reopen', number: 1 } });
    expect(parse('actions assign 3 <@slack:U123|bob>')).to.deep.equal({ name: 'actions', step: { kind: 'assign', number: 3, person: '<@slack:U123|bob>' } });
  });

  it('refuses actions input that names no item, a wrong number or no owner, saying what to type', () => {
    expect(failure('actions done').message).to.include('`/incident actions done 1`');
    for (const n of ['0', '-1', '2.5', '1e2', '99999', 'two']) expect(failure(`actions done ${n}`).message, n).to.include('is not an item number');
    expect(failure('actions assign 1').code).to.equal('missing_argument');
    expect(failure('actions assign 1 bob').message).to.include('as a mention');
    expect(failure('actions done 1 2').message).to.include('one too many');
    expect(failure('actions dnoe 1').message).to.include('Did you mean `done`?');
    expect(failure('actions done 1 --force').code).to.equal('invalid_argument');
  });

  it('reads postmortem, postmortem start and postmortem done, and nothing else after it', () => {
    expect(parse('postmortem')).to.deep.equal({ name: 'postmortem' });
    expect(parse('pm START')).to.deep.equal({ name: 'postmortem', step: 'start' });
    expect(parse('INC-2 postmortem done')).to.deep.equal({ name: 'postmortem', step: 'done', incidentRef: 'INC-2' });
    expect(failure('postmortem publish').message).to.include('`start` or `done`');
    expect(failure('postmortem done now').message).to.include('one too many');
  });
});
