import { FORM_SECTION, FORM_WIDGET, isRecord } from '@flowplane/model';

/** A JSON Schema node as TypeBox builds it at runtime (TypeBox schemas are plain JSON Schema). */
export type JsonSchema = Record<string, unknown>;

export type FieldKind =
  'text' | 'integer' | 'number' | 'boolean' | 'choice' | 'group' | 'list' | 'objects' | 'unsupported';

/** One property of an object schema, as a form shows it. */
export interface FieldSpec {
  key: string;
  /** Path of the value inside the resource. */
  path: readonly string[];
  schema: JsonSchema;
  kind: FieldKind;
  label: string;
  help: string | undefined;
  required: boolean;
  basic: boolean;
  widget: string | undefined;
  /** The allowed values of a choice. */
  choices: readonly string[];
  /** What the platform uses when the field is left empty (shown as the placeholder). */
  defaultValue: unknown;
  example: unknown;
  /** Lists: the schema of one item. */
  items: JsonSchema | undefined;
}

const ACRONYMS: Record<string, string> = {
  id: 'ID',
  mqtt: 'MQTT',
  tls: 'TLS',
  ca: 'CA',
  qos: 'QoS',
  sasl: 'SASL',
  uri: 'URI',
  url: 'URL',
  pvc: 'PVC',
};

const UNITS: Record<string, string> = { seconds: 'seconds', ms: 'milliseconds' };

/**
 * The label of a property without a `title`: its camelCase name as words, acronyms kept, a trailing unit
 * in parentheses and a trailing "Ref" dropped (a reference is named by what it points to).
 */
export function labelOf(key: string, schema: JsonSchema = {}): string {
  if (typeof schema.title === 'string') return schema.title;
  const words = key.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  if (words.length > 1 && words.at(-1) === 'ref') words.pop();
  const last = words.at(-1);
  const unit = words.length > 1 && last !== undefined ? UNITS[last] : undefined;
  if (unit !== undefined) words.pop();
  const text = words.map((w, i) => ACRONYMS[w] ?? (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
  return unit === undefined ? text : `${text} (${unit})`;
}

function kindOf(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema.enum)) return 'choice';
  switch (schema.type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return isRecord(schema.properties) ? 'group' : 'unsupported';
    case 'array': {
      const items = isRecord(schema.items) ? schema.items : {};
      if (items.type === 'string') return 'list';
      return items.type === 'object' && isRecord(items.properties) ? 'objects' : 'unsupported';
    }
    default:
      return 'unsupported';
  }
}

/** The properties of an object schema as form fields, in schema order. Read-only properties are left out. */
export function fieldsOf(schema: JsonSchema, path: readonly string[] = []): FieldSpec[] {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).flatMap(([key, value]) => {
    if (!isRecord(value) || value.readOnly === true) return [];
    const examples = Array.isArray(value.examples) ? value.examples : [];
    const isRequired = required.has(key);
    return [
      {
        key,
        path: [...path, key],
        schema: value,
        kind: kindOf(value),
        label: labelOf(key, value),
        help: typeof value.description === 'string' ? value.description : undefined,
        required: isRequired,
        basic: isRequired || value[FORM_SECTION] === 'basic',
        widget: typeof value[FORM_WIDGET] === 'string' ? value[FORM_WIDGET] : undefined,
        choices: Array.isArray(value.enum) ? value.enum.filter((c) => typeof c === 'string') : [],
        defaultValue: value.default,
        example: examples[0],
        items: isRecord(value.items) ? value.items : undefined,
      },
    ];
  });
}

/** The placeholder of an empty field: the default the platform applies, else an example. */
export function placeholderOf(field: FieldSpec): string | undefined {
  const value = field.defaultValue ?? field.example;
  if (value === undefined || isRecord(value)) return undefined;
  return field.defaultValue === undefined ? `e.g. ${String(value)}` : String(value);
}
