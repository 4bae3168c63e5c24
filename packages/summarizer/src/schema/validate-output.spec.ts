import { expect } from 'chai';
import { describeSchema, productSchema } from './output-schema';
import { validateOutput } from './validate-output';

describe('validateOutput', () => {
  const schema = productSchema('catch_up', { factsMaxChars: 400 }, true);
  const good = { what_happened: 'Deploy broke checkout.', current_status: 'Rolling back.', who_is_doing_what: 'person-abc123 leads.', open_questions: '', facts: 'f' };

  it('accepts a complete object', () => {
    const result = validateOutput(schema, JSON.stringify(good));
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.what_happened).to.equal('Deploy broke checkout.');
  });

  it('accepts a fenced reply and reads a list of strings as lines', () => {
    const reply = '```json\n' + JSON.stringify({ ...good, open_questions: ['Is US affected?', 'Who owns the gateway?'] }) + '\n```';
    const result = validateOutput(schema, reply);
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.open_questions).to.equal('• Is US affected?\n• Who owns the gateway?');
  });

  it('rejects text that is not JSON', () => {
    expect(validateOutput(schema, 'Sure! Here is your summary: ...')).to.deep.equal({ ok: false, problems: ['the reply was not valid JSON'] });
  });

  it('rejects a JSON array or an empty reply', () => {
    expect(validateOutput(schema, '[1,2]').ok).to.equal(false);
    expect(validateOutput(schema, '  ').ok).to.equal(false);
  });

  it('names missing, mistyped, empty and over-long fields', () => {
    const { what_happened: _dropped, ...rest } = good;
    const result = validateOutput(schema, JSON.stringify({ ...rest, current_status: 42, who_is_doing_what: '', facts: 'x'.repeat(401) }));
    expect(result).to.deep.equal({
      ok: false,
      problems: ['"what_happened" is missing', '"current_status" must be a string', '"who_is_doing_what" is empty', '"facts" has 401 characters; the limit is 400'],
    });
  });

  it('describes itself as a JSON Schema for the prompt', () => {
    const described = JSON.parse(describeSchema(productSchema('status_update', { factsMaxChars: 400 }, false)));
    expect(described.required).to.deep.equal(['body']);
    expect(described.properties.body.maxLength).to.equal(2000);
  });
});
