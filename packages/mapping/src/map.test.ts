// The map stage: wildcards, specialization, removal, constants, metadata, and output safety.
import { describe, expect, it } from 'vitest';
import { compileTransformation } from './index.ts';
import type { MapRuleSpec, Message, MessageMetadata, TransformResult } from './index.ts';

/** Deep copy that keeps -0, bigints and `__proto__` keys (the lib types here have no structuredClone). */
function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepClone(x)])) as T;
  return v;
}

/** Runs one map (with and without tracing, which take different code paths) and returns the payload. */
function mapOf(map: readonly MapRuleSpec[], payload: unknown, metadata?: MessageMetadata): unknown {
  const message: Message = metadata === undefined ? { payload } : { payload, metadata };
  const fast = compileTransformation({ map })(message);
  const { trace, ...traced } = compileTransformation({ map }, { trace: true })(message);
  expect(traced).toEqual(fast);
  expect(trace.map).toHaveLength(map.length);
  if (fast.kind !== 'emit') throw new Error(`expected emit, got ${JSON.stringify(fast)}`);
  return fast.message.payload;
}

const colors = {
  Saturation: { Max: 0.42, Min: 0.67, Mid: { Avg: 0.51, Mean: 0.56 } },
  Brightness: { Max: 0.78, Min: 0.93, Mid: { Avg: 0.81, Mean: 0.82 } },
  Opacity: { Max: 0.88, Min: 0.91, Mid: { Avg: 0.89, Mean: 0.89 } },
};

describe('plain rules', () => {
  it('builds the output only from rule outputs (rename, restructure, merge, constant)', () => {
    expect(
      mapOf(
        [
          { inputs: ['BirthDate'], output: 'Employee.DateOfBirth' },
          { inputs: ['Name'], output: 'Employee.Name' },
          { inputs: ['Position', 'Office'], output: 'Employment.Position', expression: '$1 + ", " + $2' },
          { inputs: [], output: 'Employment.Base Salary', expression: '78000' },
        ],
        {
          Name: 'Grace Owens',
          'Place of birth': 'London, TX',
          BirthDate: '19840202',
          Position: 'Analyst',
          Office: 'Kent, WA',
        },
      ),
    ).toEqual({
      Employee: { DateOfBirth: '19840202', Name: 'Grace Owens' },
      Employment: { Position: 'Analyst, Kent, WA', 'Base Salary': 78000 },
    });
  });

  it('copies objects and arrays as they are', () => {
    const payload = { tree: { a: [1, { b: 2 }], c: null }, list: [1, 2] };
    expect(
      mapOf(
        [
          { inputs: ['tree'], output: 'copy' },
          { inputs: ['list'], output: 'x.list' },
        ],
        payload,
      ),
    ).toEqual({ copy: payload.tree, x: { list: [1, 2] } });
  });

  it('writes through quoted output segments', () => {
    expect(mapOf([{ inputs: ['"a.b"."c d"'], output: '"x.y".z' }], { 'a.b': { 'c d': 1 } })).toEqual({
      'x.y': { z: 1 },
    });
  });

  it('lets a later write to the same output win', () => {
    expect(
      mapOf(
        [
          { inputs: ['a'], output: 'out' },
          { inputs: ['b'], output: 'out' },
          { inputs: ['c'], output: 'out.deep' },
        ],
        { a: 1, b: 2, c: 3 },
      ),
    ).toEqual({ out: { deep: 3 } });
  });

  it('removes the output when an expression yields ()', () => {
    expect(
      mapOf(
        [
          { inputs: ['x'], output: 'y' },
          { inputs: ['x'], output: 'y', expression: 'if($1 > 5, $1, ())' },
        ],
        { x: 3 },
      ),
    ).toEqual({});
  });

  it('writes tuples as arrays and non-finite floats as null', () => {
    expect(
      mapOf(
        [
          { inputs: ['a', 'b'], output: 'pair', expression: '($1, $2, ())' },
          { inputs: ['a'], output: 'nan', expression: 'math::sqrt(-$1)' },
        ],
        { a: 1, b: 'x' },
      ),
    ).toEqual({ pair: [1, 'x', null], nan: null });
  });
});

describe('wildcards (docs examples)', () => {
  it('copies everything with * → *', () => {
    const payload = { a: 1, b: { c: [1, 2], d: {} }, e: null };
    expect(mapOf([{ inputs: ['*'], output: '*' }], payload)).toEqual(payload);
  });

  it('flattens with ColorProperties.* → *', () => {
    expect(
      mapOf(
        [
          { inputs: ['ColorProperties.*'], output: '*' },
          { inputs: ['TextureProperties.*'], output: '*' },
        ],
        {
          ColorProperties: { Hue: 'blue', Saturation: '90%', Brightness: '50%', Opacity: '0.8' },
          TextureProperties: {
            type: 'fabric',
            SurfaceFeel: 'soft',
            SurfaceAppearance: 'matte',
            Pattern: 'knitted',
          },
        },
      ),
    ).toEqual({
      Hue: 'blue',
      Saturation: '90%',
      Brightness: '50%',
      Opacity: '0.8',
      type: 'fabric',
      SurfaceFeel: 'soft',
      SurfaceAppearance: 'matte',
      Pattern: 'knitted',
    });
  });

  it('restructures with * → Telemetry.*', () => {
    expect(mapOf([{ inputs: ['*'], output: 'Telemetry.*' }], { a: 1, b: { c: 2 } })).toEqual({
      Telemetry: { a: 1, b: { c: 2 } },
    });
  });

  it('captures whole segments in the middle of a path and puts them into the output', () => {
    expect(
      mapOf([{ inputs: ['Sensors.*.Reading'], output: 'Readings.*' }], {
        Sensors: { t1: { Reading: 5 }, t2: { Other: 1 }, g: { h: { Reading: 7 } } },
      }),
    ).toEqual({
      Readings: { t1: 5, g: { h: 7 } },
    });
  });

  it('writes captures before a suffix in the output', () => {
    expect(mapOf([{ inputs: ['*'], output: '*.Value' }], { a: 1, b: { c: 2 } })).toEqual({
      a: { Value: 1 },
      b: { c: { Value: 2 } },
    });
  });

  it('shares the first input’s capture across inputs (*.Max, *.Min)', () => {
    expect(
      mapOf([{ inputs: ['*.Max', '*.Min'], output: 'ColorProperties.*', expression: '($1 + $2) / 2' }], {
        Saturation: { Max: 0.42, Min: 0.67 },
        Brightness: { Max: 0.78, Min: 0.93 },
        Opacity: { Max: 0.88, Min: 0.91 },
        Lonely: { Max: 1 },
      }),
    ).toEqual({
      ColorProperties: {
        Saturation: (0.42 + 0.67) / 2,
        Brightness: (0.78 + 0.93) / 2,
        Opacity: (0.88 + 0.91) / 2,
      },
    });
  });

  it('builds tuples from nested paths under the capture', () => {
    expect(
      mapOf(
        [
          {
            inputs: ['*.Max', '*.Min', '*.Mid.Avg', '*.Mid.Mean'],
            output: 'ColorProperties.*',
            expression: '($1, $2, $3, $4)',
          },
        ],
        colors,
      ),
    ).toEqual({
      ColorProperties: {
        Saturation: [0.42, 0.67, 0.51, 0.56],
        Brightness: [0.78, 0.93, 0.81, 0.82],
        Opacity: [0.88, 0.91, 0.89, 0.89],
      },
    });
  });

  it('skips captures for which a later input does not resolve', () => {
    expect(
      mapOf(
        [
          {
            inputs: ['*.Max', '*.Min', '*.Avg', '*.Mean'],
            output: 'ColorProperties.*',
            expression: '($1, $2, $3, $4)',
          },
        ],
        colors,
      ),
    ).toEqual({});
  });

  it('combines a wildcard input with a fixed one', () => {
    expect(
      mapOf([{ inputs: ['factor', 'Sensors.*'], output: 'Scaled.*', expression: '$1 * $2' }], {
        factor: 2,
        Sensors: { a: 1, b: 2.5 },
      }),
    ).toEqual({
      Scaled: { a: 2, b: 5 },
    });
  });

  it('copies a whole dataset record with $context(alias).*', () => {
    const run = compileTransformation(
      {
        datasets: [{ key: 'position', inputs: [] }],
        map: [{ inputs: ['$context(position).*'], output: 'Employment.*' }],
      },
      { datasets: { position: [{ Position: 'Analyst', BaseSalary: 70000, WorkingHours: 'Regular' }] } },
    );
    expect(run({ payload: {} })).toEqual({
      kind: 'emit',
      message: {
        payload: { Employment: { Position: 'Analyst', BaseSalary: 70000, WorkingHours: 'Regular' } },
      },
    });
  });
});

describe('second rule vs. specialization (rank = segments captured by *)', () => {
  it('applies a later rule of equal rank as a second rule', () => {
    expect(
      mapOf(
        [
          { inputs: ['*.Max', '*.Min'], output: 'ColorProperties.*.Avg', expression: '($1 + $2) / 2' },
          { inputs: ['*.Max', '*.Min'], output: 'ColorProperties.*.Diff', expression: 'math::abs($1 - $2)' },
        ],
        { Saturation: { Max: 0.5, Min: 0.25 }, Opacity: { Max: 1, Min: 3 } },
      ),
    ).toEqual({ ColorProperties: { Saturation: { Avg: 0.375, Diff: 0.25 }, Opacity: { Avg: 2, Diff: 2 } } });
  });

  it('lets a later rank-0 removal override the wildcard for the fields it names (Opacity)', () => {
    expect(
      mapOf(
        [
          { inputs: ['*.Max', '*.Min'], output: 'ColorProperties.*', expression: '($1 + $2) / 2' },
          { inputs: ['Opacity.Max', 'Opacity.Min'], output: '' },
        ],
        { Saturation: { Max: 0.5, Min: 0.25 }, Opacity: { Max: 1, Min: 3 } },
      ),
    ).toEqual({ ColorProperties: { Saturation: 0.375 } });
  });

  it('lets a specific rule replace the wildcard for its fields (Pressure → PressureAdj)', () => {
    expect(
      mapOf(
        [
          { inputs: ['*.Max', '*.Min'], output: 'Averaged.*', expression: '($1 + $2) / 2' },
          {
            inputs: ['Pressure.Max', 'Pressure.Min'],
            output: 'Averaged.PressureAdj',
            expression: '($1 + $2 + 1.0) / 2',
          },
        ],
        { Temperature: { Max: 85.3, Min: 62.1 }, Pressure: { Max: 15.2, Min: 14.1 } },
      ),
    ).toEqual({ Averaged: { Temperature: (85.3 + 62.1) / 2, PressureAdj: (15.2 + 14.1 + 1) / 2 } });
  });

  it('overrides the pass-through for a field computed in place (graph map doc)', () => {
    expect(
      mapOf(
        [
          { inputs: ['*'], output: '*' },
          { inputs: ['temperature'], output: 'temperature', expression: 'cToF($1)' },
        ],
        { temperature: 100, humidity: 40 },
      ),
    ).toEqual({ temperature: 212, humidity: 40 });
  });

  it('removes several fields and whole subtrees after a pass-through', () => {
    expect(
      mapOf(
        [
          { inputs: ['*'], output: '*' },
          { inputs: ['password', 'internal_id', 'nested'], output: '' },
        ],
        { password: 'x', internal_id: 7, nested: { a: 1, b: { c: 2 } }, keep: true },
      ),
    ).toEqual({ keep: true });
  });

  it('drops an object whose every leaf was overridden, but keeps empty objects that were empty', () => {
    expect(
      mapOf(
        [
          { inputs: ['*'], output: '*' },
          { inputs: ['a.b'], output: '' },
        ],
        { a: { b: 1 }, e: {} },
      ),
    ).toEqual({ e: {} });
  });

  it('does not let an earlier specific rule override a later wildcard', () => {
    expect(
      mapOf(
        [
          { inputs: ['a'], output: '' },
          { inputs: ['*'], output: '*' },
        ],
        { a: 1, b: 2 },
      ),
    ).toEqual({ a: 1, b: 2 });
  });

  it('compares the ranks of two wildcard rules (a deeper capture loses to a shallower later one)', () => {
    expect(
      mapOf(
        [
          { inputs: ['*'], output: '*' },
          { inputs: ['ColorProperties.*'], output: 'Flat.*' },
        ],
        { ColorProperties: { Hue: 'blue', Deep: { x: 1 } }, other: 1 },
      ),
    ).toEqual({ other: 1, Flat: { Hue: 'blue', Deep: { x: 1 } } });
    // Equal ranks are second rules: both apply.
    expect(
      mapOf(
        [
          { inputs: ['*'], output: '*' },
          { inputs: ['*'], output: 'Copy.*' },
        ],
        { a: 1 },
      ),
    ).toEqual({ a: 1, Copy: { a: 1 } });
  });

  it('removes a wildcard-selected subtree with a later wildcard removal', () => {
    expect(
      mapOf(
        [
          { inputs: ['*'], output: '*' },
          { inputs: ['secrets.*'], output: '' },
        ],
        { secrets: { a: 1, b: { c: 2 } }, open: 1 },
      ),
    ).toEqual({ open: 1 });
  });
});

describe('missing inputs ([Flowplane choice] §6.10)', () => {
  it('writes nothing for a copy rule whose input is missing', () => {
    const run = compileTransformation({ map: [{ inputs: ['absent'], output: 'x' }] });
    expect(run({ payload: { present: 1 } })).toEqual({ kind: 'emit', message: { payload: {} } });
  });

  it('skips an expression that fails on a missing input, with a warning, and keeps the message', () => {
    const run = compileTransformation({
      map: [
        { inputs: ['a', 'b'], output: 'sum', expression: '$1 + $2' },
        { inputs: ['a'], output: 'a2', expression: '$1 * 2' },
      ],
    });
    expect(run({ payload: { a: 1 } })).toEqual({
      kind: 'emit',
      message: { payload: { a2: 2 } },
      warnings: [{ stage: 'map', rule: 0, path: 'sum', reason: "'+': an input is missing (empty value)" }],
    });
  });

  it('turns any other evaluation error into an error result for the message', () => {
    const run = compileTransformation({
      map: [
        { inputs: ['a'], output: 'ok', expression: '$1' },
        { inputs: ['a', 'b'], output: 'bad.path', expression: '$1 / $2' },
      ],
    });
    expect(run({ payload: { a: 1, b: 0 } })).toEqual({
      kind: 'error',
      stage: 'map',
      rule: 1,
      path: 'bad.path',
      reason: 'integer division by zero',
    });
    expect(run({ payload: { a: { nested: 1 }, b: 1 } })).toEqual({
      kind: 'error',
      stage: 'map',
      rule: 0,
      path: 'ok',
      reason: 'input $1 is a JSON object; objects can be copied but not used in expressions',
    });
  });

  it('does not read inputs the expression does not use', () => {
    const run = compileTransformation({ map: [{ inputs: ['obj'], output: 'flag', expression: 'true' }] });
    expect(run({ payload: { obj: { a: 1 } } })).toEqual({
      kind: 'emit',
      message: { payload: { flag: true } },
    });
  });
});

describe('metadata (spec §6.3)', () => {
  const metadata: MessageMetadata = {
    topic: 'plant/line1/temp',
    userProperties: [
      ['priority', 'high'],
      ['site', 'A'],
      ['site', 'B'],
    ],
    systemProperties: { content_type: 'application/json' },
    headers: { traceparent: '00-abc' },
  };

  it('reads topic, user properties (first of duplicates), system properties and headers', () => {
    expect(
      mapOf(
        [
          { inputs: ['$metadata.topic'], output: 'topic' },
          { inputs: ['$metadata.user_property.priority'], output: 'priority' },
          { inputs: ['$metadata.user_properties.site'], output: 'site' },
          { inputs: ['$metadata.system_property.content_type'], output: 'ct' },
          { inputs: ['$metadata.header.traceparent'], output: 'trace' },
          {
            inputs: ['$metadata.topic', '$metadata.user_property.site'],
            output: 'both',
            expression: '$1 + "/" + $2',
          },
          { inputs: ['$metadata.user_property.absent'], output: 'absent' },
        ],
        {},
        metadata,
      ),
    ).toEqual({
      topic: 'plant/line1/temp',
      priority: 'high',
      site: 'A',
      ct: 'application/json',
      trace: '00-abc',
      both: 'plant/line1/temp/A',
    });
  });

  it('writes, replaces and removes metadata without touching the input', () => {
    const run = compileTransformation({
      map: [
        { inputs: ['*'], output: '*' },
        { inputs: ['$metadata.topic'], output: '$metadata.user_property.origin_topic' },
        { inputs: ['level'], output: '$metadata.user_property.site' },
        { inputs: [], output: '$metadata.user_property.priority', expression: '()' },
        { inputs: ['count'], output: '$metadata.header.count' },
        { inputs: ['route'], output: '$metadata.topic', expression: 'if($1 > 1000, "alerts", "historian")' },
        { inputs: [], output: '$metadata.system_property.content_type', expression: '"text/plain"' },
      ],
    });
    const input: Message = { payload: { level: 3, count: 7, route: 5000 }, metadata };
    const before = deepClone(input);
    const result = run(input);
    expect(result).toEqual({
      kind: 'emit',
      message: {
        payload: {},
        metadata: {
          topic: 'alerts',
          userProperties: [
            ['origin_topic', 'plant/line1/temp'],
            ['site', '3'],
          ],
          systemProperties: { content_type: 'text/plain' },
          headers: [
            ['traceparent', '00-abc'],
            ['count', '7'],
          ],
        },
      },
    });
    expect(input).toEqual(before);
  });

  it('keeps the input metadata object when no rule writes metadata', () => {
    const message: Message = { payload: { a: 1 }, metadata };
    const result = compileTransformation({ map: [{ inputs: ['a'], output: 'b' }] })(message);
    expect(result.kind === 'emit' && result.message.metadata).toBe(metadata);
  });
});

describe('safety', () => {
  it('never mutates the input, even when later rules write into copied subtrees', () => {
    const payload = { a: { b: { c: 1 }, d: [1, 2] }, e: { f: 1 } };
    const snapshot = deepClone(payload);
    const out = mapOf(
      [
        { inputs: ['*'], output: '*' },
        { inputs: ['e'], output: 'a.b.x' },
        { inputs: ['a.b.c'], output: 'a.b.c2', expression: '$1 + 1' },
        { inputs: ['e'], output: 'copy' },
        { inputs: [], output: 'copy.f', expression: '2' },
        { inputs: [], output: 'a.d', expression: '()' },
      ],
      payload,
    );
    expect(payload).toEqual(snapshot);
    // `a.b.c` and `e` are read by later rules, so the pass-through leaves them out (specialization).
    expect(out).toEqual({ a: { b: { x: { f: 1 }, c2: 2 } }, copy: { f: 2 } });
  });

  it('treats __proto__, constructor and prototype as ordinary keys', () => {
    const payload = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": 2}, "x": 1, "y": {"__proto__": 3}}',
    ) as unknown;
    const out = mapOf(
      [
        { inputs: ['*'], output: '*' },
        { inputs: ['__proto__.polluted'], output: 'p' },
        { inputs: ['constructor.prototype'], output: '__proto__.prototype' },
        { inputs: ['toString'], output: 'missing' },
        { inputs: ['x'], output: 'constructor' },
      ],
      payload,
    );
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['prototype']).toBeUndefined();
    expect(Object.hasOwn(out as object, '__proto__')).toBe(true);
    // The pass-through keeps only `y` (everything else is read by a later rule); the rest is written in rule order.
    expect(JSON.stringify(out)).toBe(
      '{"y":{"__proto__":3},"p":1,"__proto__":{"prototype":2},"constructor":1}',
    );
  });

  it('copies a __proto__ key through the pass-through as data', () => {
    const out = mapOf(
      [
        { inputs: ['*'], output: '*' },
        { inputs: ['b'], output: 'c' },
      ],
      JSON.parse('{"__proto__": {"a": 1}, "b": 2}'),
    );
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"a":1},"c":2}');
  });

  it('reports a payload too deep for the stack as an error instead of throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = { d: deep };
    const result: TransformResult = compileTransformation({ map: [{ inputs: ['*'], output: '*.x' }] })({
      payload: deep,
    });
    expect(result).toMatchObject({ kind: 'error', stage: 'map', rule: -1 });
  });

  it('handles non-object payloads', () => {
    const run = compileTransformation({
      map: [
        { inputs: ['*'], output: '*' },
        { inputs: ['a'], output: 'b' },
      ],
    });
    for (const payload of [null, 42, 'text', [1, 2], true]) {
      expect(run({ payload })).toEqual({ kind: 'emit', message: { payload: {} } });
    }
  });
});
