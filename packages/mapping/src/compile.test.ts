// Compile-time validation: every problem is reported with its stage, rule index, pointer and column.
import { describe, expect, it } from 'vitest';
import { MappingCompileError, compileTransformation, validateTransformation } from './index.ts';
import type { CompileIssue, Message, TransformationSettings } from './index.ts';

function issuesOf(settings: unknown): CompileIssue[] {
  return validateTransformation(settings as TransformationSettings);
}

describe('compile errors', () => {
  it.each<[string, unknown, Partial<CompileIssue>]>([
    ['settings not an object', [], { stage: 'settings', rule: -1, pointer: '' }],
    [
      'bad serialization format',
      { serializationFormat: 'Avro' },
      { pointer: '/serializationFormat', message: 'serializationFormat must be one of Json, Parquet, Delta' },
    ],
    ['non-string schemaRef', { schemaRef: 1 }, { pointer: '/schemaRef' }],
    ['map not a list', { map: {} }, { stage: 'map', pointer: '/map', message: 'map must be a list' }],
    ['rule not an object', { map: [1] }, { stage: 'map', rule: 0, pointer: '/map/0' }],
    [
      'missing output',
      { map: [{ inputs: ['a'] }] },
      { pointer: '/map/0/output', message: 'output is required (use "" to remove the inputs)' },
    ],
    [
      'missing inputs',
      { map: [{ output: 'a' }] },
      { pointer: '/map/0/inputs', message: 'inputs is required (use [] for none)' },
    ],
    [
      'non-string input',
      { map: [{ inputs: [1], output: 'a' }] },
      { pointer: '/map/0/inputs/0', message: 'each input must be a string' },
    ],
    [
      'bad input path',
      { map: [{ inputs: ['a..b'], output: 'x' }] },
      { pointer: '/map/0/inputs/0', column: 3, text: 'a..b' },
    ],
    ['bad output path', { map: [{ inputs: ['a'], output: 'x.' }] }, { pointer: '/map/0/output', column: 2 }],
    [
      'unknown function with column',
      { map: [{ inputs: ['a'], output: 'x', expression: '$1 + take($1, 2)' }] },
      {
        pointer: '/map/0/expression',
        column: 6,
        message: "unknown function 'take'",
        text: '$1 + take($1, 2)',
      },
    ],
    [
      'input out of range',
      { map: [{ inputs: ['a'], output: 'x', expression: '$1 + $2' }] },
      { pointer: '/map/0/expression', column: 6, message: '$2 is out of range: the rule has 1 input' },
    ],
    [
      'constant without expression',
      { map: [{ inputs: [], output: 'x' }] },
      {
        pointer: '/map/0',
        message: 'a rule without inputs needs an expression (a constant for a new property)',
      },
    ],
    [
      'several inputs without expression',
      { map: [{ inputs: ['a', 'b'], output: 'x' }] },
      { pointer: '/map/0', message: 'a rule with several inputs needs an expression that combines them' },
    ],
    [
      'removal with expression',
      { map: [{ inputs: ['a'], output: '', expression: '$1' }] },
      { pointer: '/map/0/expression' },
    ],
    [
      'output * without input *',
      { map: [{ inputs: ['a'], output: 'b.*' }] },
      { pointer: '/map/0/output', message: 'the output uses * but no input does' },
    ],
    [
      'writing a dataset',
      { datasets: [{ key: 'd', inputs: [] }], map: [{ inputs: ['a'], output: '$context(d).x' }] },
      { pointer: '/map/0/output' },
    ],
    [
      '$context. outside datasets',
      { map: [{ inputs: ['$context.a'], output: 'x' }] },
      { pointer: '/map/0/inputs/0' },
    ],
    [
      'unknown alias',
      { map: [{ inputs: ['$context(nope).a'], output: 'x' }] },
      { message: "no dataset has the alias 'nope'" },
    ],
    [
      '?? in an input',
      { map: [{ inputs: ['a ?? 0'], output: 'x' }] },
      { pointer: '/map/0/inputs/0', column: 3 },
    ],
    [
      'regex in an expression',
      { map: [{ inputs: ['a'], output: 'x', expression: 'str::regex_matches($1, "x")' }] },
      { column: 1 },
    ],
    [
      'filter without expression',
      { filter: [{ inputs: ['a'] }] },
      { stage: 'filter', pointer: '/filter/0/expression' },
    ],
    [
      'wildcard in a filter',
      { filter: [{ inputs: ['*.a'], expression: 'true' }] },
      { pointer: '/filter/0/inputs/0', message: 'wildcards are not allowed in filter inputs' },
    ],
    [
      'whole record in a filter',
      { datasets: [{ key: 'd', inputs: [] }], filter: [{ inputs: ['$context(d)'], expression: 'true' }] },
      { pointer: '/filter/0/inputs/0' },
    ],
    [
      'dataset without key',
      { datasets: [{ inputs: [] }] },
      { stage: 'datasets', pointer: '/datasets/0/key' },
    ],
    [
      'duplicate alias',
      {
        datasets: [
          { key: 'a', inputs: [] },
          { key: 'b as a', inputs: [] },
        ],
      },
      { rule: 1, message: "the alias 'a' is used by another dataset" },
    ],
    [
      'wildcard in a dataset',
      { datasets: [{ key: 'a', inputs: ['*'] }] },
      { pointer: '/datasets/0/inputs/0' },
    ],
    [
      'later alias in a dataset',
      {
        datasets: [
          { key: 'a', inputs: ['$context(b).x'] },
          { key: 'b', inputs: [] },
        ],
      },
      { rule: 0, message: "no earlier dataset has the alias 'b'" },
    ],
  ])('%s', (_name, settings, expected) => {
    const issues = issuesOf(settings);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(expected);
  });

  it('collects every problem and throws them together', () => {
    const settings = {
      filter: [{ inputs: ['a'], expression: '$1 >' }],
      map: [
        { inputs: ['*'], output: '*' },
        { inputs: ['a'], output: 'x', expression: 'uppercase($1)' },
        { inputs: ['b'], output: 'y', expression: '$3' },
      ],
    };
    try {
      compileTransformation(settings);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingCompileError);
      const issues = (e as MappingCompileError).issues;
      expect(issues.map((i) => [i.stage, i.rule, i.pointer, i.column])).toEqual([
        ['filter', 0, '/filter/0/expression', 5],
        ['map', 1, '/map/1/expression', 1],
        ['map', 2, '/map/2/expression', 1],
      ]);
      expect((e as Error).message).toBe('/filter/0/expression: unexpected end of expression (+2 more)');
    }
  });

  it('accepts what the docs write: `expression: ""`, PascalCase or lowercase formats, type hints', () => {
    expect(
      issuesOf({
        serializationFormat: 'json',
        filter: [{ type: 'Filter', description: 'x', inputs: ['a'], expression: '$1 > 1' }],
        map: [
          { type: 'PassThrough', inputs: ['*'], output: '*' },
          { type: 'Rename', inputs: ['a'], expression: '', output: 'b' },
          { inputs: ['c'], expression: '', output: '' },
          { type: 'NewProperties', inputs: [], output: 'p', expression: '"v"' },
        ],
        datasets: [],
      }),
    ).toEqual([]);
    expect(compileTransformation({ serializationFormat: 'PARQUET' }).serializationFormat).toBe('Parquet');
  });
});

describe('the compiled function never throws', () => {
  const run = compileTransformation({ map: [{ inputs: ['a'], output: 'b' }] });
  it.each([null, undefined, 42, 'text'])('returns an error for the message %j', (message) => {
    expect(run(message as unknown as Message)).toEqual({
      kind: 'error',
      stage: 'datasets',
      rule: -1,
      reason: 'a message must be an object with a payload',
    });
  });

  it('ignores metadata that is not an object', () => {
    expect(run({ payload: { a: 1 }, metadata: 'x' } as unknown as Message)).toEqual({
      kind: 'emit',
      message: { payload: { b: 1 } },
    });
  });
});
