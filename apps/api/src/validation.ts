import type { FastifySchemaCompiler } from 'fastify';
import {
  InputError,
  RESOURCE_SCHEMAS,
  isRecord,
  isResourceKind,
  issue,
  textIssues,
  schemaIssues,
  validateSchema,
  type Issue,
  type ResourceKind,
} from '@flowplane/model';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

/** A 400 for one part of a request (body, query string, path parameters). */
export class RequestSchemaError extends InputError {
  override name = 'RequestSchemaError';
  readonly part: string;
  constructor(part: string, issues: readonly Issue[]) {
    super(`The request ${part === 'body' ? 'body' : part} does not match its schema.`, issues);
    this.part = part;
  }
}

/** `{ $ref: 'DataflowEndpoint#' }` as the route schemas write a stored model schema. */
export function resourceRef(kind: ResourceKind) {
  return { $ref: `${kind}#` } as const;
}

function refKind(schema: unknown): ResourceKind | undefined {
  if (!isRecord(schema) || typeof schema.$ref !== 'string') return undefined;
  const kind = schema.$ref.replace(/#$/, '');
  return isResourceKind(kind) ? kind : undefined;
}

/**
 * Bodies that are a model resource are checked by the model itself (`validateSchema`: its codes, messages
 * and JSON pointers, unknown fields rejected); every other schema is compiled with TypeBox. Query strings
 * and path parameters are converted to their schema types first. Nothing is stripped or defaulted
 * silently in a body: what the client sent is what gets validated.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const part = httpPart ?? 'body';
  const kind = refKind(schema);
  if (kind) {
    return (data: unknown) => {
      const issues = resourceBodyIssues(kind, data);
      return issues.length > 0 ? { error: new RequestSchemaError(part, issues) } : { value: data };
    };
  }
  const compiled = Compile(schema);
  const convert = part !== 'body';
  return (data: unknown) => {
    const value = convert ? Value.Default(schema, Value.Convert(schema, data)) : data;
    // Refused wherever it appears: no store or protocol downstream takes it (see textIssues).
    const text = textIssues(value);
    if (compiled.Check(value) && text.length === 0) return { value };
    return { error: new RequestSchemaError(part, [...schemaIssues(schema, value), ...text]) };
  };
};

/** Schema errors of a resource body sent to a route of `kind`. */
export function resourceBodyIssues(kind: ResourceKind, data: unknown): Issue[] {
  if (isRecord(data) && data.kind !== undefined && data.kind !== kind) {
    return [
      issue('schema.const', '/kind', `This route takes kind ${kind}; got ${JSON.stringify(data.kind)}.`),
    ];
  }
  return validateSchema(data).filter((i) => i.severity === 'error');
}

/** The model schemas the routes reference, registered once with `app.addSchema`. */
export function sharedResourceSchemas() {
  return Object.entries(RESOURCE_SCHEMAS).map(([kind, schema]) => ({ ...schema, $id: kind }));
}
