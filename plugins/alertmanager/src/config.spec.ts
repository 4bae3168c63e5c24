import { expect } from 'chai';
import { z } from '@muster/plugin-sdk';
import plugin from './index';

interface JsonSchema { readonly description?: string; readonly properties?: Readonly<Record<string, JsonSchema>> }

/** Every setting, nested ones too, with the path of any that has no description. */
function undescribed(schema: JsonSchema, path = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => [
    ...(property.description ? [] : [`${path}${key}`]),
    ...undescribed(property, `${path}${key}.`),
  ]);
}

describe('alertmanager: config schema', () => {
  it('describes every setting, so the install form in chat can say what each one is', () => {
    const schema = z.toJSONSchema(plugin.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    expect(Object.keys(schema.properties ?? {})).to.include.members(['onResolve', 'private', 'severity', 'service']);
    expect(undescribed(schema)).to.deep.equal([]);
  });
});
