import { describe, expect, test } from 'vitest';
import { Type } from 'typebox';
import { mqttEndpoint } from './test-support/resources.ts';
import { schemaIssues } from '@flowplane/model';
import { RequestSchemaError, resourceBodyIssues, validatorCompiler } from './validation.ts';

const compile = (schema: object, httpPart = 'body') =>
  validatorCompiler({ schema, method: 'POST', url: '/', httpPart } as Parameters<
    typeof validatorCompiler
  >[0]) as (data: unknown) => { value?: unknown; error?: Error };

describe('resource bodies', () => {
  test('a valid body passes unchanged (nothing stripped or defaulted)', () => {
    const body = mqttEndpoint('fine');
    const result = compile({ $ref: 'DataflowEndpoint#' })(body);
    expect(result.error).toBeUndefined();
    expect(result.value).toBe(body);
  });

  test.each([
    ['/surplus', { ...mqttEndpoint('x-y'), surplus: 1 }],
    ['/metadata/surplus', { ...mqttEndpoint('x-y'), metadata: { name: 'x-y', surplus: 1 } }],
    [
      '/spec/mqttSettings/tls/surplus',
      (() => {
        const b = mqttEndpoint('x-y');
        Object.assign(b.spec.mqttSettings.tls, { surplus: 1 });
        return b;
      })(),
    ],
  ])('an unknown field is rejected at %s', (path, body) => {
    expect(resourceBodyIssues('DataflowEndpoint', body)).toEqual([
      expect.objectContaining({ code: 'schema.unknownField', path }),
    ]);
  });

  test('a body of another kind is refused at /kind', () => {
    expect(resourceBodyIssues('DataflowProfile', mqttEndpoint('x-y'))).toEqual([
      expect.objectContaining({ code: 'schema.const', path: '/kind' }),
    ]);
  });

  test('errors carry the part of the request', () => {
    const result = compile({ $ref: 'DataflowEndpoint#' })({});
    expect(result.error).toBeInstanceOf(RequestSchemaError);
    expect((result.error as RequestSchemaError).part).toBe('body');
  });
});

describe('other schemas', () => {
  const Query = Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, default: 100 })),
      draft: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  );

  test('query strings are converted and defaulted', () => {
    expect(compile(Query, 'querystring')({ draft: 'true' }).value).toEqual({ draft: true, limit: 100 });
  });

  test('each problem becomes an issue with a pointer', () => {
    expect(schemaIssues(Query, { limit: 0, other: 'x' })).toEqual([
      expect.objectContaining({ code: 'schema.unknownField', path: '/other' }),
      expect.objectContaining({ code: 'schema.minimum', path: '/limit' }),
    ]);
    const Body = Type.Object({ name: Type.String() }, { additionalProperties: false });
    expect(schemaIssues(Body, {})).toEqual([
      expect.objectContaining({ code: 'schema.required', path: '/name' }),
    ]);
  });

  test('bodies are not converted', () => {
    const Body = Type.Object({ n: Type.Integer() });
    expect(compile(Body)({ n: '1' }).error).toBeInstanceOf(RequestSchemaError);
  });
});
