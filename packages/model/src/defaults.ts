import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { RESOURCE_SCHEMAS, isRecord, isResourceKind, type Resource } from './resource.ts';

/**
 * The resource with every field the platform defaults filled in (from the schemas' `default`s).
 * Settings blocks that are absent stay absent: defaults never change the endpoint type.
 */
export function withDefaults<R extends Resource>(resource: R): R {
  return Value.Default(RESOURCE_SCHEMAS[resource.kind], structuredClone(resource)) as R;
}

/** The resource without the fields whose value the platform would use anyway; the inverse of withDefaults. */
export function minimal<R extends Resource>(resource: R): R {
  if (!isResourceKind(resource.kind)) return resource;
  return strip(RESOURCE_SCHEMAS[resource.kind], structuredClone(resource)) as R;
}

function schemaProperties(schema: TSchema): Record<string, TSchema> | undefined {
  const properties = (schema as { properties?: unknown }).properties;
  return isRecord(properties) ? (properties as Record<string, TSchema>) : undefined;
}

function strip(schema: TSchema, value: unknown): unknown {
  const items = (schema as { items?: unknown }).items;
  if (Array.isArray(value) && isRecord(items)) return value.map((v) => strip(items as TSchema, v));
  const properties = schemaProperties(schema);
  if (!properties || !isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (!propertySchema) {
      out[key] = raw;
      continue;
    }
    const stripped = strip(propertySchema, raw);
    if ('default' in propertySchema && isDefault(propertySchema, stripped)) continue;
    out[key] = stripped;
  }
  return out;
}

function isDefault(schema: TSchema & { default?: unknown }, value: unknown): boolean {
  const filled = (v: unknown) => Value.Default(schema, structuredClone(v));
  return Value.Equal(filled(value), filled(schema.default));
}
