import { z } from 'zod';

interface JsonSchema {
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
}

/**
 * The settings of a plugin's `configSchema`, nested ones too, that have no description
 * (`['severity.map']`): the install form in chat shows each setting's description, so a plugin's
 * spec expects none.
 */
export function undescribedSettings(schema: z.ZodType): string[] {
  return undescribed(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '');
}

function undescribed(schema: JsonSchema, path: string): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => [
    ...(property.description ? [] : [`${path}${key}`]),
    ...undescribed(property, `${path}${key}.`),
  ]);
}
