import { RESOURCE_SCHEMAS, type ResourceKind } from '@flowplane/model';
import { isRecord, setOwn } from './json.ts';

/**
 * A JSON Schema node read as plain data. The model's TypeBox schemas are JSON Schema objects; reading
 * them through these accessors (instead of TypeBox types) keeps the walkers generic.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

function schemaOf(value: unknown): JsonSchema | undefined {
  return isRecord(value) ? value : undefined;
}

export function resourceSchema(kind: ResourceKind): JsonSchema {
  return schemaOf(RESOURCE_SCHEMAS[kind]) ?? {};
}

/** The schema of `key` in an object schema: a declared property, a pattern property, or additionalProperties. */
export function propertySchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  const properties = schema.properties;
  if (isRecord(properties) && Object.hasOwn(properties, key)) return schemaOf(properties[key]);
  const patterns = schema.patternProperties;
  if (isRecord(patterns)) {
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (safeRegExp(pattern)?.test(key)) return schemaOf(sub);
    }
  }
  return schemaOf(schema.additionalProperties);
}

export function declaredProperties(schema: JsonSchema): [string, JsonSchema][] {
  const properties = schema.properties;
  if (!isRecord(properties)) return [];
  return Object.entries(properties).flatMap(([key, sub]) => {
    const s = schemaOf(sub);
    return s ? [[key, s] as [string, JsonSchema]] : [];
  });
}

export function patternProperties(schema: JsonSchema): [string, JsonSchema][] {
  const patterns = schema.patternProperties;
  if (!isRecord(patterns)) return [];
  return Object.entries(patterns).flatMap(([key, sub]) => {
    const s = schemaOf(sub);
    return s ? [[key, s] as [string, JsonSchema]] : [];
  });
}

export function requiredKeys(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === 'string') : [];
}

/** Objects with `additionalProperties: false` define every key they accept. */
export function isClosedObject(schema: JsonSchema): boolean {
  return schema.additionalProperties === false;
}

export function itemSchema(schema: JsonSchema): JsonSchema | undefined {
  return schemaOf(schema.items);
}

/** The allowed values of a string enum schema. */
export function stringEnum(schema: JsonSchema): readonly string[] | undefined {
  const values = schema.enum;
  if (!Array.isArray(values)) return undefined;
  const strings = values.filter((v) => typeof v === 'string');
  return strings.length > 0 ? strings : undefined;
}

export function numberKeyword(schema: JsonSchema, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' ? value : undefined;
}

export function stringKeyword(schema: JsonSchema, keyword: string): string | undefined {
  const value = schema[keyword];
  return typeof value === 'string' ? value : undefined;
}

/** The value of `values` equal to `value` ignoring case, when `value` itself is not one of them. */
export function caseInsensitiveMatch(values: readonly string[], value: string): string | undefined {
  if (values.includes(value)) return undefined;
  const lower = value.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower);
}

/** `value` if it is one of `values`, or the one it equals ignoring case. */
export function matchEnum<T extends string>(values: readonly T[], value: unknown): T | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return values.find((v) => v === value) ?? values.find((v) => v.toLowerCase() === lower);
}

/**
 * A copy of `value` whose object keys follow the schema's property order (unknown keys after, in their
 * own order), so exports are stable however a resource was built.
 */
export function orderKeys(schema: JsonSchema | undefined, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = schema ? itemSchema(schema) : undefined;
    return value.map((v) => orderKeys(items, v));
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  const known = schema ? declaredProperties(schema).map(([key]) => key) : [];
  const keys = [
    ...known.filter((k) => Object.hasOwn(value, k)),
    ...Object.keys(value).filter((k) => !known.includes(k)),
  ];
  for (const key of keys) {
    setOwn(out, key, orderKeys(schema ? propertySchema(schema, key) : undefined, value[key]));
  }
  return out;
}

const regExpCache = new Map<string, RegExp | undefined>();
function safeRegExp(pattern: string): RegExp | undefined {
  if (!regExpCache.has(pattern)) {
    let compiled: RegExp | undefined;
    try {
      compiled = new RegExp(pattern, 'u');
    } catch {
      compiled = undefined;
    }
    regExpCache.set(pattern, compiled);
  }
  return regExpCache.get(pattern);
}
