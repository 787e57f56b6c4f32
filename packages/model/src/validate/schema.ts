import { Compile, type Validator } from 'typebox/compile';
import type { TProperties, TSchema } from 'typebox';
import { issue, type Issue, type IssueCode } from '../issues.ts';
import { valueAt } from '../json-pointer.ts';
import { RESOURCE_KINDS, RESOURCE_SCHEMAS, isRecord, isResourceKind } from '../resource.ts';
import { LEGACY_API_VERSION, RESOURCE_NAME_PATTERN } from '../schema/common.ts';

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

const validators = new WeakMap<TSchema, Validator<TProperties, TSchema>>();
function validatorOf(schema: TSchema) {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** Layer 1: the shape of a document (types, required fields, enums, ranges, name patterns). */
export function validateSchema(doc: unknown): Issue[] {
  if (!isRecord(doc)) return [issue('resource.notObject', '', 'A resource must be a YAML/JSON object.')];
  if (!isResourceKind(doc.kind)) {
    return [
      issue(
        doc.kind === undefined ? 'schema.required' : 'resource.kind.unknown',
        '/kind',
        `kind must be one of ${RESOURCE_KINDS.join(', ')}${doc.kind === undefined ? '' : `; got ${show(doc.kind)}`}.`,
      ),
    ];
  }
  return [...schemaIssues(RESOURCE_SCHEMAS[doc.kind], doc), ...textIssues(doc)];
}

/**
 * Strings (and keys) that are not text every system downstream takes: U+0000 (MQTT forbids it in its
 * strings, Kubernetes names and Kafka topics cannot hold it, PostgreSQL cannot store it) and unpaired
 * surrogates (no UTF-8 form at all). Refused wherever they appear, with their path, whatever the schema
 * otherwise allows.
 */
export function textIssues(value: unknown, path = ''): Issue[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [issue('schema.invalid', path, `Must not contain ${problem}.`)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => textIssues(item, `${path}/${i}`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const problem = textProblem(key);
    return [
      ...(problem ? [issue('schema.invalid', at, `A field name must not contain ${problem}.`)] : []),
      ...textIssues(item, at),
    ];
  });
}

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'the NUL character (U+0000)';
  // In a /u pattern a proper surrogate pair is one code point: only unpaired halves match.
  if (/\p{Cs}/u.test(text)) return 'an unpaired surrogate (not Unicode text)';
  return undefined;
}

/** The issues of `value` against any TypeBox schema, in the model's codes and JSON pointers. */
export function schemaIssues(schema: TSchema, value: unknown): Issue[] {
  const validator = validatorOf(schema);
  if (validator.Check(value)) return [];
  const errors = [...validator.Errors(value)] as SchemaError[];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  // An enum error already says what the value must be; the type error beside it adds nothing.
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === 'type' && enumPaths.has(error.instancePath)) continue;
    const translated = translate(value, error);
    if (!translated) continue;
    const key = `${translated.code} ${translated.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(translated);
  }
  // An empty string breaks its pattern too; where "must not be empty" is said, it says all there is to say.
  const tooShort = new Set(issues.filter((i) => i.code === 'schema.minLength').map((i) => i.path));
  return issues.filter(
    (i) => i.code !== 'schema.pattern' || !tooShort.has(i.path) || valueAt(value, i.path) !== '',
  );
}

function translate(doc: unknown, error: SchemaError): Issue | undefined {
  const path = error.instancePath;
  const value = valueAt(doc, path);
  const p = error.params;
  const make = (code: IssueCode, message: string, at = path) => issue(code, at, message);
  switch (error.keyword) {
    case 'boolean':
      // `additionalProperties: false` reports each unknown property as a `false` schema at its own path.
      return make('schema.unknownField', `Unknown field "${lastSegment(path)}".`);
    case 'additionalProperties':
      return undefined;
    case 'required': {
      const missing = (p.requiredProperties as string[] | undefined)?.[0] ?? '?';
      return make('schema.required', `"${missing}" is required.`, `${path}/${missing}`);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return make(
        'schema.enum',
        `${show(value)} is not allowed; use one of ${allowed.join(', ')}.${enumHint(value, allowed)}`,
      );
    }
    case 'const':
      if (path === '/apiVersion' && value === LEGACY_API_VERSION) {
        return make(
          'schema.const',
          `${LEGACY_API_VERSION} is the pre-GA format; import or convert the document (flowplane convert) to translate it to ${String(p.allowedValue)}.`,
        );
      }
      return make('schema.const', `Must be ${show(p.allowedValue)}; got ${show(value)}.`);
    case 'type':
      return make('schema.type', `Must be ${article(String(p.type))}; got ${jsonType(value)}.`);
    case 'pattern':
      return make(
        'schema.pattern',
        p.pattern === RESOURCE_NAME_PATTERN
          ? `${show(value)} is not a valid ${lastSegment(path) === 'name' ? 'name' : 'resource name'}: use lower-case letters, digits and '-', starting and ending with a letter or digit.`
          : `${show(value)} does not match ${String(p.pattern)}.`,
      );
    case 'minLength':
      return make(
        'schema.minLength',
        value === '' ? 'Must not be empty.' : `Must have at least ${String(p.limit)} characters.`,
      );
    case 'maxLength':
      return make('schema.maxLength', `Must have at most ${String(p.limit)} characters.`);
    case 'minimum':
      return make('schema.minimum', `Must be at least ${String(p.limit)}; got ${show(value)}.`);
    case 'maximum':
      return make('schema.maximum', `Must be at most ${String(p.limit)}; got ${show(value)}.`);
    case 'minItems':
      return make('schema.minItems', `Needs at least ${String(p.limit)} item(s).`);
    case 'maxItems':
      return make('schema.maxItems', `Allows at most ${String(p.limit)} item(s).`);
    default:
      return make('schema.invalid', error.message);
  }
}

/** Known legacy spellings get a pointer to their current name. */
function enumHint(value: unknown, allowed: string[]): string {
  if (value === 'Kubernetes' && allowed.includes('ServiceAccountToken')) {
    return ' "Kubernetes" is the pre-GA name of ServiceAccountToken.';
  }
  if (typeof value === 'string') {
    const caseMatch = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (caseMatch) return ` Values are case-sensitive: write ${caseMatch}.`;
  }
  return '';
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return article(typeof value);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
