// Property tests: the parsers throw nothing but MappingSyntaxError, compilation nothing but
// MappingCompileError, and compiled transformations never throw, never mutate their input, and give the
// same result with and without tracing (which run different code paths for the pass-through).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MappingCompileError,
  MappingSyntaxError,
  compileTransformation,
  parseExpression,
  parseFieldRef,
  parsePath,
  stringifyJson,
} from './index.ts';
import type { MapRuleSpec, Message, TransformationSettings } from './index.ts';

/** Deep copy that keeps -0, bigints and `__proto__` keys (the lib types here have no structuredClone). */
function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepClone(x)])) as T;
  return v;
}

const KEYS = ['a', 'b', 'c', 'Value', 'Max', 'Min', 'Tag 10', 'x.y', '__proto__', 'constructor', ''];
const TOKENS = [
  '$1',
  '$2',
  '$3',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '<',
  '>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '!',
  '1',
  '2.5',
  '"s"',
  "'q'",
  'true',
  '()',
  'cToF',
  'min',
  'if',
  'str::from',
  'math::pow',
  'len',
  '??',
  '?',
  ' ',
  '$last',
  '9223372036854775807',
  '1e400',
  '"\\"',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((t) => t.join(' '));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tokenSoup);

function expectOnly<E>(f: () => unknown, errorType: new (...args: never[]) => E): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(errorType);
  }
}

describe('parsers', () => {
  it('parseExpression throws only MappingSyntaxError', () => {
    fc.assert(
      fc.property(anyText, (text) => expectOnly(() => parseExpression(text), MappingSyntaxError)),
      { numRuns: 2000 },
    );
  });

  it('parsePath and parseFieldRef throw only MappingSyntaxError', () => {
    const pathText = fc.oneof(
      anyText,
      fc
        .array(
          fc.constantFrom(
            'a',
            '.',
            '"',
            "'",
            '*',
            '$context(',
            ')',
            '$metadata',
            '$source',
            'user_property',
            ' ? $last',
            '??',
            ' ',
          ),
          { maxLength: 10 },
        )
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(pathText, fc.constantFrom('input' as const, 'output' as const), (text, role) => {
        expectOnly(() => parsePath(text), MappingSyntaxError);
        expectOnly(() => parseFieldRef(text, role), MappingSyntaxError);
      }),
      { numRuns: 2000 },
    );
  });

  it('compileTransformation throws only MappingCompileError, whatever the settings', () => {
    const loose = fc.record({
      datasets: fc.oneof(
        fc.constant(undefined),
        fc.array(
          fc.record({
            key: fc.oneof(fc.string(), fc.constant('d')),
            inputs: fc.array(anyText, { maxLength: 3 }),
            expression: fc.option(anyText),
          }),
          { maxLength: 2 },
        ),
      ),
      filter: fc.oneof(
        fc.anything(),
        fc.array(fc.record({ inputs: fc.array(anyText, { maxLength: 3 }), expression: anyText }), {
          maxLength: 3,
        }),
      ),
      map: fc.oneof(
        fc.anything(),
        fc.array(
          fc.record({
            inputs: fc.oneof(fc.anything(), fc.array(anyText, { maxLength: 3 })),
            output: fc.oneof(anyText, fc.anything()),
            expression: fc.option(anyText),
          }),
          { maxLength: 4 },
        ),
      ),
      serializationFormat: fc.option(fc.string()),
    });
    fc.assert(
      fc.property(fc.oneof(loose, fc.anything()), (settings) => {
        expectOnly(() => compileTransformation(settings as TransformationSettings), MappingCompileError);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Generators of valid transformations and of payloads that share their keys.

const quote = (k: string): string => (k.includes('.') || k === '' || k.startsWith('$') ? `"${k}"` : k);
const key = fc.constantFrom(...KEYS);
const plainPath = fc.array(key, { minLength: 1, maxLength: 3 }).map((s) => s.map(quote).join('.'));
const wildPath = fc
  .tuple(fc.array(key, { maxLength: 2 }), fc.array(key, { maxLength: 1 }))
  .map(([pre, post]) => [...pre.map(quote), '*', ...post.map(quote)].join('.'));

function expression(inputs: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom('1', '2.5', '0', '-3', '"s"', 'true', '()', '9007199254740993'),
    inputs > 0 ? fc.integer({ min: 1, max: inputs }).map((n) => `$${n}`) : fc.constant('1'),
  );
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(
          tie('tree'),
          fc.constantFrom('+', '-', '*', '/', '%', '^', '<', '>=', '==', '!=', '&&', '||'),
          tie('tree'),
        )
        .map(([l, op, r]) => `(${l} ${op} ${r})`),
      tie('tree').map((x) => `-${x}`),
      tie('tree').map((x) => `!${x}`),
      fc
        .tuple(
          fc.constantFrom('cToF', 'floor', 'str::from', 'len', 'typeof', 'math::abs', 'str::to_uppercase'),
          tie('tree'),
        )
        .map(([f, x]) => `${f}(${x})`),
      fc.tuple(tie('tree'), tie('tree'), tie('tree')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `min(${a}, ${b})`),
      fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => `(${a}, ${b})`),
    ),
  }));
  return tree;
}

const mapRule: fc.Arbitrary<MapRuleSpec> = fc.oneof(
  fc.constant({ inputs: ['*'], output: '*' }),
  fc.tuple(plainPath, plainPath).map(([i, o]) => ({ inputs: [i], output: o })),
  fc.tuple(plainPath).map(([i]) => ({ inputs: [i], output: '' })),
  fc.tuple(wildPath).map(([i]) => ({ inputs: [i], output: '' })),
  fc
    .tuple(wildPath, fc.constantFrom('*', 'out.*', '*.v', 'o.*.p'))
    .map(([i, o]) => ({ inputs: [i], output: o })),
  fc
    .array(plainPath, { minLength: 0, maxLength: 3 })
    .chain((inputs) =>
      fc
        .tuple(expression(inputs.length), plainPath)
        .map(([e, o]) => ({ inputs: inputs.length === 0 ? [] : inputs, output: o, expression: e })),
    ),
  fc
    .tuple(wildPath, plainPath)
    .chain(([w, p]) =>
      fc
        .tuple(expression(2), fc.constantFrom('w.*', '*'))
        .map(([e, o]) => ({ inputs: [w, p], output: o, expression: e })),
    ),
  fc
    .tuple(plainPath, fc.constantFrom('$metadata.topic', '$metadata.user_property.k', '$metadata.header.h'))
    .map(([i, o]) => ({ inputs: [i], output: o })),
  fc.constantFrom<MapRuleSpec>(
    { inputs: ['$metadata.topic'], output: 'topic' },
    { inputs: ['$metadata.user_property.k ? $last'], output: 'k' },
    { inputs: ['a ? $last', 'b'], output: 'ab', expression: '$1 + $2' },
  ),
);

const settingsArb: fc.Arbitrary<TransformationSettings> = fc.record({
  filter: fc.array(
    fc
      .array(plainPath, { maxLength: 2 })
      .chain((inputs) => expression(inputs.length).map((e) => ({ inputs, expression: e }))),
    { maxLength: 2 },
  ),
  map: fc.array(mapRule, { maxLength: 6 }),
});

const { payload } = fc.letrec<{ payload: unknown; value: unknown }>((tie) => ({
  payload: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, 1e300, 2 ** 53 + 2, 2 ** 63),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 2 })), { maxLength: 3 }),
    fc.constant({}),
    tie('payload'),
  ),
}));

const messageArb: fc.Arbitrary<Message> = fc.record({
  payload: fc.oneof({ weight: 4, arbitrary: payload }, { weight: 1, arbitrary: fc.jsonValue() }),
  metadata: fc.option(
    fc.record({
      topic: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
      userProperties: fc.option(
        fc.array(fc.tuple(fc.constantFrom('k', 'x'), fc.string({ maxLength: 3 })), { maxLength: 3 }),
        { nil: undefined },
      ),
    }),
    { nil: undefined },
  ),
});

function checkRun(settings: TransformationSettings, message: Message): void {
  const run = compileTransformation(settings);
  const traced = compileTransformation(settings, { trace: true });
  const before = deepClone(message);
  const result = run(message);
  const { trace, ...withoutTrace } = traced(message);
  expect(message).toEqual(before);
  expect(withoutTrace).toEqual(result);
  const mapLength = settings.map?.length ?? 0;
  if (result.kind === 'emit')
    expect(trace.map).toHaveLength(result.kind === 'emit' && mapLength > 0 ? mapLength : 0);
  if (result.kind === 'error') expect(result.reason).not.toMatch(/^internal error/);
  if (result.kind === 'emit') expect(() => stringifyJson(result.message.payload)).not.toThrow();
}

describe('compiled transformations', () => {
  it('never throw on arbitrary JSON payloads (fixed transformations)', () => {
    const fixed: TransformationSettings[] = [
      {
        filter: [{ inputs: ['temperature.Value', '"Tag 10".Value'], expression: '$1 * $2 < 100000' }],
        map: [
          { inputs: ['*'], output: '*' },
          { inputs: ['temperature.Value'], output: 'TemperatureF', expression: 'cToF($1)' },
          { inputs: ['"Tag 10".Value'], output: 'Humidity' },
        ],
      },
      {
        map: [
          { inputs: ['*.Max', '*.Min'], output: 'ColorProperties.*', expression: '($1 + $2) / 2' },
          { inputs: ['a.Max', 'a.Min'], output: '' },
          { inputs: ['*'], output: 'all.*' },
          { inputs: ['b.*'], output: '' },
        ],
      },
      {
        map: [
          { inputs: ['*'], output: '*' },
          { inputs: ['a'], output: 'a.b.c' },
          { inputs: ['b'], output: 'a.x', expression: 'str::from($1)' },
        ],
      },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fixed), messageArb, (settings, message) => checkRun(settings, message)),
      { numRuns: 1500 },
    );
  });

  it('never throw, never mutate the input, and trace the same result (random transformations)', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(messageArb, { minLength: 1, maxLength: 3 }), (settings, messages) => {
        let compiled = true;
        try {
          compileTransformation(settings);
        } catch (e) {
          // Generated expressions can still be invalid (e.g. a constant division by zero is fine, but
          // nothing else should fail); only our own error type is acceptable.
          expect(e).toBeInstanceOf(MappingCompileError);
          compiled = false;
        }
        if (compiled) for (const m of messages) checkRun(settings, m);
      }),
      { numRuns: 1500 },
    );
  });
});
