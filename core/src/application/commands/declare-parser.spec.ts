import { expect } from 'chai';
import { usageOf } from './command-usage';
import { declared, failure, parse } from './command-parser.spec-helper';

describe('parseCommand: declare and quoting', () => {
  describe('declare', () => {
    it('without a title returns declare without one (the caller opens the form)', () => {
      expect(parse('declare')).to.deep.equal({ name: 'declare', services: [], private: false });
      expect(parse('declare --sev SEV2 --private')).to.deep.equal({ name: 'declare', severity: 'SEV2', services: [], private: true });
      expect(parse('declare ""')).to.deep.equal({ name: 'declare', services: [], private: false });
    });

    it('reads the title with or without quotes', () => {
      const expected = { name: 'declare', title: 'Checkout errors', severity: 'SEV1', services: [], private: false };
      expect(parse('declare "Checkout errors" --sev SEV1')).to.deep.equal(expected);
      expect(parse('declare Checkout errors --sev SEV1')).to.deep.equal(expected);
      expect(parse("declare 'Checkout errors' --sev SEV1")).to.deep.equal(expected);
      expect(parse('declare “Checkout errors” --sev SEV1')).to.deep.equal(expected);
      expect(parse('declare ‘Checkout errors’ --sev SEV1')).to.deep.equal(expected);
      expect(parse('declare --sev SEV1 Checkout   errors')).to.deep.equal(expected);
      expect(parse('declare Checkout --sev SEV1 errors')).to.deep.equal(expected);
      expect(parse('declare "Checkout errors"--sev SEV1')).to.deep.equal(expected);
    });

    it('takes a severity id typed before the title, but not a quoted one, a label or one alone', () => {
      expect(parse('declare SEV2 Checkout down')).to.deep.equal({ name: 'declare', title: 'Checkout down', severity: 'SEV2', services: [], private: false });
      expect(parse('declare sev1 Checkout down --service api')).to.deep.equal({ name: 'declare', title: 'Checkout down', severity: 'SEV1', services: ['api'], private: false });
      expect(parse('declare SEV2 Checkout down --sev SEV2')).to.deep.include({ severity: 'SEV2', title: 'Checkout down' });
      expect(declared('declare "SEV2" alarms are noisy').title).to.equal('SEV2 alarms are noisy');
      expect(declared('declare Critical database outage')).to.not.have.property('severity');
      expect(declared('declare Checkout SEV2 down').title).to.equal('Checkout SEV2 down');
      expect(declared('declare SEV2').title).to.equal('SEV2');
      expect(failure('declare SEV2 Checkout down --sev SEV1').message).to.include('not both SEV2 and SEV1');
    });

    it('keeps apostrophes in titles', () => {
      expect(declared("declare Can't log in").title).to.equal("Can't log in");
      expect(declared("declare 'Can't log in'").title).to.equal("Can't log in");
      expect(declared('declare “It’s down” --sev SEV2').title).to.equal('It’s down');
      expect(declared("declare Users' carts empty").title).to.equal("Users' carts empty");
    });

    it('joins words with single spaces and keeps escaped quotes', () => {
      expect(declared('declare "Say \\"hi\\"" now').title).to.equal('Say "hi" now');
      expect(declared('declare "two\n lines\tand  spaces"').title).to.equal('two lines and spaces');
      expect(declared('declare -5% conversions').title).to.equal('-5% conversions');
    });

    it('treats quoted option words as title text', () => {
      expect(parse('declare "--private" mode broken')).to.deep.equal({ name: 'declare', title: '--private mode broken', services: [], private: false });
    });

    it('accepts --sev and --severity, with a space or =, in any case', () => {
      for (const text of ['declare x --sev sev1', 'declare x --sev=SEV1', 'declare x --severity Sev1', 'declare x --severity=sev1', 'declare x --SEV SEV1']) {
        expect(parse(text)).to.include({ severity: 'SEV1' });
      }
    });

    it('accepts a dash that smart punctuation made of --', () => {
      expect(parse('declare Checkout errors —sev SEV1 —private')).to.deep.equal({ name: 'declare', title: 'Checkout errors', severity: 'SEV1', services: [], private: true });
      expect(declared('declare Checkout errors –service api').services).to.deep.equal(['api']);
      expect(declared('declare A —B').title).to.equal('A —B');
    });

    it('reads --service repeated, comma-separated, quoted and after a trailing comma', () => {
      expect(declared('declare x --service api,db --service=web --services cache').services).to.deep.equal(['api', 'db', 'web', 'cache']);
      expect(declared('declare x --service api, db').services).to.deep.equal(['api', 'db']);
      expect(declared('declare x --service="payments api" --service api,api').services).to.deep.equal(['payments api', 'api']);
    });

    it('reads --private and --public', () => {
      expect(declared('declare x --private').private).to.equal(true);
      expect(declared('declare x --public').private).to.equal(false);
      const both = failure('declare x --private --public');
      expect(both.code).to.equal('invalid_argument');
      expect(both.message).to.include('`--private` or `--public`');
      const valued = failure('declare x --private=yes');
      expect(valued.code).to.equal('invalid_argument');
      expect(valued.message).to.include('takes no value').and.include('`/incident declare <title> --private`');
    });

    it('names the missing value of an option', () => {
      for (const text of ['declare x --sev', 'declare x --sev --private', 'declare x --sev=', 'declare x --sev ""']) {
        const error = failure(text);
        expect(error.code, text).to.equal('missing_argument');
        expect(error.message).to.include('needs a severity (SEV1, SEV2 or SEV3)').and.include('`/incident declare <title> --sev SEV1`');
        expect(error.usage).to.equal(usageOf('declare'));
      }
      const service = failure('declare x --service');
      expect(service.code).to.equal('missing_argument');
      expect(service.message).to.include('service names').and.include('`/incident declare <title> --service api,db`');
      expect(failure('declare x --service ,').code).to.equal('missing_argument');
    });

    it('refuses an unknown option, listing the ones declare takes', () => {
      const error = failure('declare x --sevv SEV1');
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('“--sevv”').and.include('Did you mean `--sev`?').and.include('`--service <name>`').and.include('`--private`');
      expect(error.usage).to.equal(usageOf('declare'));
    });

    it('refuses an unknown severity, listing the configured ones', () => {
      const error = failure('declare x --sev catastrophic');
      expect(error.code).to.equal('unknown_severity');
      expect(error.message).to.include('“catastrophic”').and.include('`SEV1`, `SEV2` or `SEV3`').and.include('`/incident declare <title> --sev SEV1`');
      expect(failure('declare x --sev 2').message).to.include('Did you mean `SEV2`?');
    });

    it('refuses two different severities but accepts the same one twice', () => {
      expect(failure('declare x --sev SEV1 --sev SEV2').code).to.equal('invalid_argument');
      expect(declared('declare x --sev SEV1 --sev sev1').severity).to.equal('SEV1');
    });

    it('accepts titles up to the length the Incident accepts (200)', () => {
      expect(declared(`declare ${'a'.repeat(200)}`).title).to.have.length(200);
      // Same measure as the Incident aggregate (UTF-16 units), so a parsed title is never refused later.
      expect(declared(`declare ${'😀'.repeat(100)}`).title).to.equal('😀'.repeat(100));
      expect(failure(`declare ${'😀'.repeat(101)}`).code).to.equal('invalid_argument');
      const error = failure(`declare ${'a'.repeat(201)}`);
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('201 characters').and.include('200 or fewer').and.include('`/incident note <text>`');
    });
  });


  describe('quotes', () => {
    const open: [string, string, string][] = [
      ['"', '"', 'declare "Checkout errors --sev SEV1'],
      ["'", "'", "declare 'Checkout errors"],
      ['“', '”', 'declare “Checkout errors'],
      ['‘', '’', 'declare ‘Checkout errors'],
      ['„', '”', 'declare x --service=„api'],
    ];
    for (const [quote, closer, text] of open) {
      it(`says which quote is open when ${quote} is never closed`, () => {
        const error = failure(text);
        expect(error.code).to.equal('unbalanced_quotes');
        expect(error.message).to.include(`The quote ${quote} before`).and.include(`Add a closing ${closer}`).and.include(`remove the ${quote}`);
        expect(error.usage).to.equal(usageOf('declare'));
      });
    }

    it('reads a German „…“ pair and escaped quotes of every kind', () => {
      expect(declared('declare „Kasse kaputt“').title).to.equal('Kasse kaputt');
      expect(declared('declare “a \\” b”').title).to.equal('a ” b');
      expect(declared('declare "a \\\\"').title).to.equal('a \\');
    });

    it('uses the general usage when the quote is in the command word', () => {
      expect(failure('"ack').usage).to.equal('/incident [INC-42] <command> [arguments]');
    });
  });

});
