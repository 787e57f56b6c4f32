// Datasets (enrichment), filter, stage order, `? $last`, and traces.
import { describe, expect, it } from 'vitest';
import { FILTER_TRUE_DROPS, compileTransformation, parseDatasetKey, parseDatasetRecords } from './index.ts';
import type { DatasetLookup, TransformationSettings } from './index.ts';

describe('datasets (spec §8)', () => {
  it.each([
    ['assetDataset', { key: 'assetDataset', alias: 'assetDataset' }],
    ['datasets.parag10.rule42 as position', { key: 'datasets.parag10.rule42', alias: 'position' }],
    ['  spaced   as   alias  ', { key: 'spaced', alias: 'alias' }],
    ['as', { key: 'as', alias: 'as' }],
  ])('parses the key %j', (text, expected) => {
    expect(parseDatasetKey(text)).toEqual(expected);
  });

  const settings: TransformationSettings = {
    datasets: [
      {
        key: 'datasets.parag10.rule42 as position',
        inputs: ['$context.Position', '$source.Position'],
        expression: '$1 == $2',
      },
    ],
    map: [
      { inputs: ['Name'], output: 'Employee.Name' },
      { inputs: ['$context(position).BaseSalary'], output: 'Employment.BaseSalary' },
      {
        inputs: ['BaseSalary', '$context(position).BaseSalary'],
        output: 'Salary',
        expression: 'if($1 == (), $2, $1)',
      },
    ],
  };
  const records = [
    { Position: 'Engineer', BaseSalary: 90000 },
    'not an object',
    { Position: 'Analyst', BaseSalary: 70000 },
    { Position: 'Analyst', BaseSalary: 1 },
  ];

  it('looks records up by state-store key and binds the first match to the alias', () => {
    const keys: string[] = [];
    const lookup: DatasetLookup = (key) => {
      keys.push(key);
      return key === 'datasets.parag10.rule42' ? records : undefined;
    };
    const run = compileTransformation(settings, { datasets: lookup });
    expect(run({ payload: { Name: 'Grace', Position: 'Analyst' } })).toEqual({
      kind: 'emit',
      message: { payload: { Employee: { Name: 'Grace' }, Employment: { BaseSalary: 70000 }, Salary: 70000 } },
    });
    expect(run({ payload: { Name: 'Ann', Position: 'Analyst', BaseSalary: 75000 } })).toMatchObject({
      message: { payload: { Salary: 75000 } },
    });
    expect(keys).toEqual(['datasets.parag10.rule42', 'datasets.parag10.rule42']);
  });

  it('skips the rules that read the alias when nothing matches', () => {
    const run = compileTransformation(settings, { datasets: { 'datasets.parag10.rule42': records } });
    expect(run({ payload: { Name: 'Bo', Position: 'Chef', BaseSalary: 5 } })).toEqual({
      kind: 'emit',
      message: { payload: { Employee: { Name: 'Bo' } } },
    });
  });

  it('warns when the key holds no records, and fails the message when the store fails', () => {
    expect(compileTransformation(settings)({ payload: { Name: 'X' } })).toEqual({
      kind: 'emit',
      message: { payload: { Employee: { Name: 'X' } } },
      warnings: [
        { stage: 'datasets', rule: 0, reason: "no records under state-store key 'datasets.parag10.rule42'" },
      ],
    });
    const failing = compileTransformation(settings, {
      datasets: () => {
        throw new Error('state store unreachable');
      },
    });
    expect(failing({ payload: {} })).toEqual({
      kind: 'error',
      stage: 'datasets',
      rule: 0,
      reason: "dataset 'datasets.parag10.rule42' could not be read: state store unreachable",
    });
  });

  it('accepts $context(<own alias>) for the record being tested, and datasets without an expression', () => {
    const run = compileTransformation(
      {
        datasets: [
          { key: 'sites', inputs: ['$context(sites).id', 'site'], expression: '$1 == $2' },
          { key: 'defaults', inputs: [] },
        ],
        map: [
          { inputs: ['$context(sites).name'], output: 'site' },
          { inputs: ['$context(defaults).unit'], output: 'unit' },
        ],
      },
      { datasets: { sites: [{ id: 1, name: 'North' }], defaults: [{ unit: 'C' }, { unit: 'F' }] } },
    );
    expect(run({ payload: { site: 1 } })).toEqual({
      kind: 'emit',
      message: { payload: { site: 'North', unit: 'C' } },
    });
  });

  it('treats a record that cannot be compared (missing field) as no match, but a type error as an error', () => {
    const lookup = { k: [{ other: 1 }, { id: 'a' }] };
    const run = compileTransformation(
      { datasets: [{ key: 'k', inputs: ['$context.id', 'id'], expression: '$1 < $2' }] },
      { datasets: lookup },
    );
    expect(run({ payload: { id: 'b' } })).toMatchObject({ kind: 'emit' });
    expect(run({ payload: { id: 5 } })).toEqual({
      kind: 'error',
      stage: 'datasets',
      rule: 0,
      reason: "'<' cannot compare string with int",
    });
    const nonBoolean = compileTransformation(
      { datasets: [{ key: 'k', inputs: ['$context.id'], expression: '$1' }] },
      { datasets: lookup },
    );
    expect(nonBoolean({ payload: {} })).toEqual({
      kind: 'error',
      stage: 'datasets',
      rule: 0,
      reason: 'dataset expression must evaluate to a boolean, got string',
    });
  });

  it.each([
    ['{"a":1}\n{"a":2}\n', [{ a: 1 }, { a: 2 }]],
    ['[{"a":1},{"a":2}]', [{ a: 1 }, { a: 2 }]],
    ['{"a":1},{"a":2}', [{ a: 1 }, { a: 2 }]],
    ['{"a":"}{"}{"b":[1,{"c":2}]}', [{ a: '}{' }, { b: [1, { c: 2 }] }]],
    ['  ', []],
  ])('parses dataset records from %j', (text, expected) => {
    expect(parseDatasetRecords(text)).toEqual(expected);
  });

  it('rejects text that is not JSON records', () => {
    expect(() => parseDatasetRecords('{"a":')).toThrow(SyntaxError);
  });
});

describe('filter (spec §7)', () => {
  it('drops on true (newest docs), and the choice is one exported constant', () => {
    expect(FILTER_TRUE_DROPS).toBe(true);
    const run = compileTransformation({ filter: [{ inputs: ['temperature'], expression: '$1 > 20' }] });
    expect(run({ payload: { temperature: 25 } })).toEqual({ kind: 'drop', rule: 0 });
    expect(run({ payload: { temperature: 15 } })).toEqual({
      kind: 'emit',
      message: { payload: { temperature: 15 } },
    });
  });

  it('ORs the rules: the first true rule drops', () => {
    const run = compileTransformation({
      filter: [
        { inputs: ['a'], expression: '$1 > 10' },
        { inputs: ['b'], expression: '$1 == "bad"' },
        { inputs: ['a', 'b'], expression: '$1 < 0 && $2 == "x"' },
      ],
    });
    expect(run({ payload: { a: 11, b: 'bad' } })).toEqual({ kind: 'drop', rule: 0 });
    expect(run({ payload: { a: 1, b: 'bad' } })).toEqual({ kind: 'drop', rule: 1 });
    expect(run({ payload: { a: -1, b: 'x' } })).toEqual({ kind: 'drop', rule: 2 });
    expect(run({ payload: { a: -1, b: 'y' } }).kind).toBe('emit');
  });

  it('counts a rule that fails on a missing input as false, with a warning', () => {
    const run = compileTransformation({
      filter: [
        { inputs: ['missing'], expression: '$1 > 1' },
        { inputs: ['missing'], expression: '$1' },
        { inputs: ['a'], expression: '$1 > 1' },
      ],
    });
    expect(run({ payload: { a: 0 } })).toEqual({
      kind: 'emit',
      message: { payload: { a: 0 } },
      warnings: [
        { stage: 'filter', rule: 0, reason: "'>': an input is missing (empty value)" },
        { stage: 'filter', rule: 1, reason: 'the expression evaluated to the empty value (a missing input)' },
      ],
    });
    expect(run({ payload: { a: 5 } })).toMatchObject({ kind: 'drop', rule: 2 });
  });

  it('fails the message when a rule does not evaluate to a boolean, or has a type error', () => {
    const run = compileTransformation({ filter: [{ inputs: ['a'], expression: '$1 + 1' }] });
    expect(run({ payload: { a: 1 } })).toEqual({
      kind: 'error',
      stage: 'filter',
      rule: 0,
      reason: 'filter expression must evaluate to a boolean, got int',
    });
    const typed = compileTransformation({ filter: [{ inputs: ['a'], expression: '$1 > 1' }] });
    expect(typed({ payload: { a: 'x' } })).toEqual({
      kind: 'error',
      stage: 'filter',
      rule: 0,
      reason: "'>' cannot compare string with int",
    });
  });

  it('reads metadata and dataset fields, skipping rules whose dataset did not match', () => {
    const run = compileTransformation(
      {
        datasets: [{ key: 'limits', inputs: ['$context.device', 'device'], expression: '$1 == $2' }],
        filter: [
          { inputs: ['$metadata.topic'], expression: '$1 == "ignore/me"' },
          { inputs: ['value', '$context(limits).max'], expression: '$1 > $2' },
        ],
      },
      { datasets: { limits: [{ device: 'd1', max: 10 }] } },
    );
    expect(run({ payload: { device: 'd1', value: 1 }, metadata: { topic: 'ignore/me' } })).toMatchObject({
      kind: 'drop',
      rule: 0,
    });
    expect(run({ payload: { device: 'd1', value: 11 } })).toMatchObject({ kind: 'drop', rule: 1 });
    expect(run({ payload: { device: 'd2', value: 11 } })).toMatchObject({ kind: 'emit' });
  });
});

describe('stage order: datasets → filter → map, whatever the key order', () => {
  it('lets the filter see the dataset and the map see only kept messages', () => {
    const settings = {
      map: [{ inputs: ['$context(d).label'], output: 'label' }],
      filter: [{ inputs: ['$context(d).blocked'], expression: '$1' }],
      datasets: [{ key: 'd', inputs: ['$context.id', 'id'], expression: '$1 == $2' }],
    };
    const run = compileTransformation(settings, {
      datasets: {
        d: [
          { id: 1, blocked: false, label: 'one' },
          { id: 2, blocked: true, label: 'two' },
        ],
      },
    });
    expect(run({ payload: { id: 1 } })).toEqual({ kind: 'emit', message: { payload: { label: 'one' } } });
    expect(run({ payload: { id: 2 } })).toEqual({ kind: 'drop', rule: 0 });
  });
});

describe('? $last (spec §6.5)', () => {
  it('remembers the last value per compiled transformation, in map and filter', () => {
    const settings: TransformationSettings = {
      filter: [{ inputs: ['temperature ? $last'], expression: '$1 > 100' }],
      map: [
        { inputs: ['temperature ? $last'], output: 'Thermostat.Temperature' },
        { inputs: ['humidity ? $LAST', 'temperature ? $last'], output: 'ratio', expression: '$1 / $2' },
      ],
    };
    const run = compileTransformation(settings);
    expect(run({ payload: { humidity: 40 } })).toEqual({
      kind: 'emit',
      message: { payload: {} },
      warnings: [
        { stage: 'filter', rule: 0, reason: "'>': an input is missing (empty value)" },
        { stage: 'map', rule: 1, path: 'ratio', reason: "'/': an input is missing (empty value)" },
      ],
    });
    expect(run({ payload: { temperature: 20, humidity: 50 } })).toMatchObject({
      message: { payload: { Thermostat: { Temperature: 20 }, ratio: 2 } },
    });
    expect(run({ payload: { humidity: 60 } })).toMatchObject({
      message: { payload: { Thermostat: { Temperature: 20 }, ratio: 3 } },
    });
    expect(run({ payload: { temperature: null } })).toMatchObject({
      message: { payload: { Thermostat: { Temperature: 20 }, ratio: 3 } },
    });
    // The filter remembers too: a missing temperature after a hot one is dropped.
    expect(run({ payload: { temperature: 150 } })).toEqual({ kind: 'drop', rule: 0 });
    expect(run({ payload: {} })).toEqual({ kind: 'drop', rule: 0 });

    // Another compiled copy has its own memory, and resetLastValues forgets.
    const other = compileTransformation(settings);
    expect(other({ payload: {} })).toMatchObject({ kind: 'emit', message: { payload: {} } });
    run.resetLastValues();
    expect(run({ payload: {} })).toMatchObject({ kind: 'emit', message: { payload: {} } });
  });

  it('works with metadata inputs', () => {
    const run = compileTransformation({
      map: [{ inputs: ['$metadata.user_property.site ? $last'], output: 'site' }],
    });
    expect(run({ payload: {}, metadata: { userProperties: { site: 'A' } } })).toMatchObject({
      message: { payload: { site: 'A' } },
    });
    expect(run({ payload: {} })).toMatchObject({ message: { payload: { site: 'A' } } });
  });
});

describe('trace', () => {
  it('reports enrichment, the filter verdicts and each map rule’s effect', () => {
    const run = compileTransformation(
      {
        datasets: [{ key: 'd', inputs: ['$context.id', 'id'], expression: '$1 == $2' }],
        filter: [
          { inputs: ['x'], expression: '$1 > 100' },
          { inputs: ['$context(d).off'], expression: '$1' },
        ],
        map: [
          { inputs: ['*'], output: '*' },
          { inputs: ['x'], output: 'x2', expression: '$1 * 2' },
          { inputs: ['id'], output: '' },
          { inputs: ['nope'], output: 'n' },
          { inputs: ['$context(d).label'], output: 'label' },
        ],
      },
      { trace: true, datasets: { d: [{ id: 7, off: false, label: 'L' }] } },
    );
    const result = run({ payload: { id: 7, x: 3, keep: 'k' } });
    expect(result.kind).toBe('emit');
    expect(result.trace).toEqual({
      datasets: [
        { dataset: 0, alias: 'd', key: 'd', matchedRecord: 0, record: { id: 7, off: false, label: 'L' } },
      ],
      filter: {
        rules: [
          { rule: 0, verdict: 'false' },
          { rule: 1, verdict: 'false' },
        ],
      },
      map: [
        {
          rule: 0,
          effects: [
            { kind: 'suppressed', inputs: ['id'], by: 2 },
            { kind: 'suppressed', inputs: ['x'], by: 1 },
            { kind: 'write', output: 'keep', value: 'k', inputs: ['keep'] },
          ],
        },
        { rule: 1, effects: [{ kind: 'write', output: 'x2', value: 6, inputs: ['x'] }] },
        { rule: 2, effects: [{ kind: 'removeInputs', inputs: ['id'] }] },
        { rule: 3, effects: [{ kind: 'missing', output: 'n', reason: 'nope is missing' }] },
        { rule: 4, effects: [{ kind: 'write', output: 'label', value: 'L', inputs: ['$context(d).label'] }] },
      ],
      mapPassThrough: false,
    });
    const dropped = run({ payload: { id: 8, x: 300 } });
    expect(dropped).toMatchObject({
      kind: 'drop',
      rule: 0,
      trace: { filter: { droppedBy: 0, rules: [{ rule: 0, verdict: 'true' }] }, map: [] },
    });
    expect(dropped.trace.datasets).toEqual([{ dataset: 0, alias: 'd', key: 'd' }]);
  });

  it('marks a pass-through transformation', () => {
    const run = compileTransformation(
      { filter: [{ inputs: ['a'], expression: '$1 == 1' }] },
      { trace: true },
    );
    expect(run({ payload: { a: 2 } }).trace).toEqual({
      datasets: [],
      filter: { rules: [{ rule: 0, verdict: 'false' }] },
      map: [],
      mapPassThrough: true,
    });
  });
});
