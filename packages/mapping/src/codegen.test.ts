import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSource, generateTransform, isGeneratable } from './codegen.ts';
import { compileProgram } from './compile.ts';
import { compileTransformation } from './index.ts';
import type { MapRuleSpec, Message, TransformationSettings } from './index.ts';

const e1: TransformationSettings = {
  filter: [{ inputs: ['temperature.Value', '"Tag 10".Value'], expression: '$1 * $2 < 100000' }],
  map: [
    { inputs: ['*'], output: '*' },
    { inputs: ['temperature.Value'], output: 'TemperatureF', expression: 'cToF($1)' },
    { inputs: ['"Tag 10".Value'], output: 'Humidity' },
  ],
};

describe('which transformations are generated', () => {
  it.each<[string, TransformationSettings, boolean]>([
    ['no transformation', {}, true],
    ['E1', e1, true],
    [
      'metadata writes and removals',
      {
        map: [
          { inputs: ['*'], output: '*' },
          { inputs: ['a'], output: '' },
          { inputs: ['b'], output: '$metadata.user_property.b' },
        ],
      },
      true,
    ],
    ['nested outputs', { map: [{ inputs: ['a'], output: 'x.y' }] }, false],
    [
      'a wildcard that is not a leading pass-through',
      {
        map: [
          { inputs: ['a'], output: 'b' },
          { inputs: ['*'], output: '*' },
        ],
      },
      false,
    ],
    ['a wildcard expression', { map: [{ inputs: ['*.Max'], output: 'x.*', expression: '$1' }] }, false],
    [
      'an override that depends on a dataset match',
      {
        datasets: [{ key: 'd', inputs: [] }],
        map: [
          { inputs: ['*'], output: '*' },
          { inputs: ['a', '$context(d).b'], output: 'c', expression: '$1 + $2' },
        ],
      },
      false,
    ],
  ])('%s: %s', (_name, settings, expected) => {
    expect(isGeneratable(compileProgram(settings))).toBe(expected);
  });
});

describe('generated source', () => {
  it('contains no text from the settings: names, literals and paths are passed as data', () => {
    const hostile = [
      '"); globalThis.pwned = 1; ("',
      "'); globalThis.pwned = 1; ('",
      '`${globalThis.pwned = 1}`',
      '*/ globalThis.pwned = 1; /*',
      'constructor',
      '__proto__',
    ];
    const settings: TransformationSettings = {
      datasets: [
        { key: `${hostile[0] as string} as ds`, inputs: ['$context.k', 'k'], expression: '$1 == $2' },
      ],
      filter: hostile.map((h) => ({
        inputs: [`"${h.replace(/"/g, "'")}"`],
        expression: `$1 == ${JSON.stringify(h)}`,
      })),
      map: [
        { inputs: ['*'], output: '*' },
        ...hostile.map((h, i): MapRuleSpec => ({
          inputs: [`"${h.replace(/"/g, "'")}".x`],
          output: `out${i}`,
          expression: `$1 + ${JSON.stringify(h)}`,
        })),
        { inputs: ['$context(ds).v'], output: `$metadata.user_property.${hostile[2] as string}` },
      ],
    };
    const program = compileProgram(settings);
    expect(generateTransform(program, () => undefined)).toBeTypeOf('function');
    const { source, constants } = generateSource(program, () => undefined);
    // The generator's own snippets name "__proto__" once, to store that key safely; nothing else may appear.
    const ours = source.replaceAll('k === "__proto__"', '');
    for (const h of hostile) {
      for (const fragment of [h, h.replace(/"/g, "'"), 'pwned']) expect(ours).not.toContain(fragment);
    }
    expect(constants).toEqual(expect.arrayContaining(['out0', hostile[0]]));
    const run = compileTransformation(settings);
    run({ payload: { x: 1 }, metadata: { topic: 't' } });
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
  });
});

describe('generated and closure executors agree', () => {
  const key = fc.constantFrom('a', 'b', 'Value', 'x.y', '__proto__', 'toString', 'Tag 10');
  const quoted = (k: string): string => (k.includes('.') ? `"${k}"` : k);
  const path = fc.array(key, { minLength: 1, maxLength: 3 }).map((s) => s.map(quoted).join('.'));
  const top = key.map(quoted);
  const expression = fc.constantFrom(
    '$1',
    '$1 * 2',
    'cToF($1)',
    'if($1 == (), 0, $1)',
    '$1 + "!"',
    'str::from($1)',
    '$1 / 0',
    'typeof($1)',
    '()',
    '$1 > 1 && $1 < 5',
  );
  const rule: fc.Arbitrary<MapRuleSpec> = fc.oneof(
    fc.tuple(path, top).map(([i, o]) => ({ inputs: [i], output: o })),
    fc.tuple(path).map(([i]) => ({ inputs: [i], output: '' })),
    fc.tuple(path, top, expression).map(([i, o, e]) => ({ inputs: [i], output: o, expression: e })),
    fc
      .tuple(path, fc.constantFrom('$metadata.topic', '$metadata.user_property.p', '$metadata.header.h'))
      .map(([i, o]) => ({ inputs: [i], output: o })),
    fc
      .tuple(top, expression)
      .map(([o, e]) => ({ inputs: [], output: o, expression: e.replace(/\$1/g, '7') })),
    fc.constantFrom<MapRuleSpec>(
      { inputs: ['$metadata.topic ? $last'], output: 'topic' },
      { inputs: ['a ? $last'], output: 'last' },
    ),
  );
  const settings = fc.record({
    filter: fc.array(
      fc
        .tuple(path, fc.constantFrom('$1 > 100', '$1 == "drop"', '$1', '$1 + 1 > 2'))
        .map(([i, e]) => ({ inputs: [i], expression: e })),
      { maxLength: 2 },
    ),
    map: fc
      .tuple(fc.boolean(), fc.array(rule, { maxLength: 5 }))
      .map(([pass, rules]) => (pass ? [{ inputs: ['*'], output: '*' }, ...rules] : rules)),
  });
  const { value } = fc.letrec<{ value: unknown; object: unknown }>((tie) => ({
    object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    value: fc.oneof(
      { depthSize: 'small' },
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant({}),
      tie('object'),
    ),
  }));
  const message: fc.Arbitrary<Message> = fc.record({
    payload: value,
    metadata: fc.option(fc.record({ topic: fc.string({ maxLength: 3 }) }), { nil: undefined }),
  });

  it('on random generatable transformations and messages', () => {
    let generated = 0;
    fc.assert(
      fc.property(settings, fc.array(message, { minLength: 1, maxLength: 4 }), (s, messages) => {
        const program = compileProgram(s);
        if (isGeneratable(program)) {
          generated++;
          // A generator bug would otherwise hide behind the silent fallback to closures.
          expect(generateTransform(program, () => undefined)).toBeTypeOf('function');
        }
        const fast = compileTransformation(s);
        const closures = compileTransformation(s, { codegen: false });
        // Each keeps its own `? $last` memory, so feed both the same sequence.
        for (const m of messages) expect(fast(m)).toEqual(closures(m));
      }),
      { numRuns: 1500 },
    );
    expect(generated).toBeGreaterThan(1000);
  });
});

describe('generated code with datasets, metadata and `? $last`', () => {
  const settings: TransformationSettings = {
    datasets: [{ key: 'devices as d', inputs: ['$context.id', 'id'], expression: '$1 == $2' }],
    filter: [
      { inputs: ['$context(d).blocked'], expression: '$1' },
      { inputs: ['$metadata.user_property.skip'], expression: '$1 == "yes"' },
    ],
    map: [
      { inputs: ['*'], output: '*' },
      // Reads only the record: a payload field read by a rule that depends on a dataset match would make
      // the pass-through's overrides conditional, which the generator leaves to the closures.
      {
        inputs: ['$context(d).site', '$context(d).id'],
        output: 'where',
        expression: '$1 + "/" + str::from($2)',
      },
      { inputs: ['reading ? $last'], output: 'reading' },
      { inputs: ['$metadata.topic'], output: '$metadata.user_property.from' },
      { inputs: ['secret'], output: '' },
    ],
  };
  const records = [
    { id: 1, site: 'north', blocked: false },
    { id: 2, site: 'south', blocked: true },
  ];

  it('matches the closures message by message', () => {
    const program = compileProgram(settings);
    expect(generateTransform(program, () => records)).toBeTypeOf('function');
    const fast = compileTransformation(settings, { datasets: { devices: records } });
    const closures = compileTransformation(settings, { datasets: { devices: records }, codegen: false });
    const message = fc.record({
      payload: fc.record(
        {
          id: fc.constantFrom(1, 2, 3, 'x'),
          reading: fc.option(fc.double(), { nil: undefined }),
          secret: fc.string(),
          other: fc.integer(),
        },
        { requiredKeys: ['id'] },
      ),
      metadata: fc.record({
        topic: fc.string({ maxLength: 3 }),
        userProperties: fc.array(fc.tuple(fc.constantFrom('skip', 'x'), fc.constantFrom('yes', 'no')), {
          maxLength: 2,
        }),
      }),
    });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 5 }), (messages) => {
        for (const m of messages) expect(fast(m)).toEqual(closures(m));
      }),
      { numRuns: 500 },
    );
    expect(fast({ payload: { id: 1, reading: 2, secret: 's' }, metadata: { topic: 't' } })).toEqual({
      kind: 'emit',
      message: {
        payload: { id: 1, reading: 2, where: 'north/1' },
        metadata: { topic: 't', userProperties: [['from', 't']] },
      },
    });
  });
});

describe('environments without code generation', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('falls back to closures when new Function is forbidden (CSP)', () => {
    vi.stubGlobal(
      'Function',
      new Proxy(Function, {
        construct() {
          throw new EvalError('Refused to evaluate a string as JavaScript');
        },
      }),
    );
    const run = compileTransformation(e1);
    expect(run({ payload: { temperature: { Value: 100 }, 'Tag 10': { Value: 2000 } } })).toEqual({
      kind: 'emit',
      message: { payload: { TemperatureF: 212, Humidity: 2000 } },
    });
  });
});
