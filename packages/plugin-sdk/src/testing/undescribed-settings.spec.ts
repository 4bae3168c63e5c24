import { expect } from 'chai';
import { z } from 'zod';
import { undescribedSettings } from './undescribed-settings';

describe('undescribedSettings', () => {
  it('names every setting without a description, nested ones too, and nothing when all have one', () => {
    const schema = z.strictObject({
      apiUrl: z.url().default('https://api.example').describe('Where the API is'),
      severity: z.strictObject({ label: z.string().describe('The label'), map: z.record(z.string(), z.string()).optional() }).describe('Severity'),
      token: z.string().optional(),
    });
    expect(undescribedSettings(schema)).to.deep.equal(['severity.map', 'token']);
    expect(undescribedSettings(z.object({ a: z.string().describe('A') }))).to.deep.equal([]);
  });
});
