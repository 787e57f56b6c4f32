import fc from 'fast-check';
import { RESOURCE_KINDS, validateSchema, type Resource } from '@flowplane/model';
import {
  declaredProperties,
  isClosedObject,
  itemSchema,
  numberKeyword,
  patternProperties,
  requiredKeys,
  resourceSchema,
  stringEnum,
  stringKeyword,
  type JsonSchema,
} from '../schema-walk.ts';

const INT32_MAX = 2147483647;
const MAX_ITEMS = 3;

/** Strings that trip YAML, JSON, ARM expressions or Bicep escaping, and the import normalizations. */
const TRICKY_STRINGS = [
  'yes',
  'on',
  'No',
  'null',
  '~',
  '0o17',
  '0x1F',
  '012',
  '1e3',
  '.inf',
  '[draft]',
  '[[x]]',
  "[parameters('x')]",
  "it's",
  'back\\slash',
  '${inputTopic}',
  'line\nbreak',
  'cr\rlf',
  'tab\there',
  '#hash',
  '- dash',
  'key: value',
  '"quoted"',
  ' lead',
  'trail ',
  '*',
  '&anchor',
  '*alias',
  '!tag',
  '%directive',
  '@temperature',
  '$metadata.user_properties.site',
  '{}',
  '[]',
  '---',
  '...',
  'ünïcödé',
  '日本語',
  '💡',
  '\u2028',
  '\u0007bell',
];

const NAME_LIKE = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,12}[a-z0-9]$/);

/** Free text: mostly name-like (refs, topics, profile names), some arbitrary Unicode, some tricky strings. */
function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: NAME_LIKE },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
    )
    .filter((s) => s.length <= maxLength && [...s].length >= minLength);
}

/**
 * Values valid for a JSON Schema node, built from the schema alone: objects with their required keys and
 * any subset of the optional ones, records, arrays within their item limits, enums, consts, integer
 * ranges, patterned strings. Used with the model's schemas, it generates every shape the model allows.
 */
export function arbitraryFromSchema(schema: JsonSchema): fc.Arbitrary<unknown> {
  const values = stringEnum(schema);
  if (values) return fc.constantFrom(...values);
  if (Object.hasOwn(schema, 'const')) return fc.constant(schema.const);
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema);
    case 'array': {
      const items = itemSchema(schema) ?? {};
      const minLength = numberKeyword(schema, 'minItems') ?? 0;
      const maxLength = Math.max(
        minLength,
        Math.min(numberKeyword(schema, 'maxItems') ?? MAX_ITEMS, MAX_ITEMS),
      );
      return fc.array(arbitraryFromSchema(items), { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number':
      return fc.integer({
        min: numberKeyword(schema, 'minimum') ?? -INT32_MAX,
        max: numberKeyword(schema, 'maximum') ?? INT32_MAX,
      });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = declaredProperties(schema);
  const patterns = patternProperties(schema);
  if (properties.length === 0 && patterns.length > 0 && !isClosedObject(schema)) {
    const [, valueSchema] = patterns[0]!;
    return fc.dictionary(text(1, 20), arbitraryFromSchema(valueSchema), {
      maxKeys: 3,
      noNullPrototype: true,
    });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of properties) model[key] = arbitraryFromSchema(sub);
  return fc.record(model, { requiredKeys: requiredKeys(schema), noNullPrototype: true });
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = numberKeyword(schema, 'minLength') ?? 0;
  const maxLength = numberKeyword(schema, 'maxLength') ?? 256;
  const pattern = stringKeyword(schema, 'pattern');
  if (pattern === undefined) return text(minLength, maxLength);
  return fc
    .stringMatching(new RegExp(pattern), { size: 'small' })
    .filter((s) => s.length <= maxLength && [...s].length >= minLength);
}

/** A document the model's schema accepts; a type guard so generated data can be used as a Resource. */
export function isSchemaValidResource(doc: unknown): doc is Resource {
  return validateSchema(doc).length === 0;
}

/** Any resource the model's schemas allow, of any kind. */
export const arbitraryResource: fc.Arbitrary<Resource> = fc
  .oneof(...RESOURCE_KINDS.map((kind) => arbitraryFromSchema(resourceSchema(kind))))
  .filter(isSchemaValidResource);
