// Operators and the type rules of spec §6.6 / §6.9, through the public evaluateExpression.
import { describe, expect, it } from 'vitest';
import { type ExpressionResult, evaluateExpression } from './evaluate.ts';

const ok = (value: unknown, type: string): ExpressionResult =>
  ({ ok: true, value, type }) as ExpressionResult;
const run = (text: string, inputs: unknown[] = []): ExpressionResult => evaluateExpression(text, inputs);

describe('arithmetic: Int stays Int, anything with a Float is Float', () => {
  it.each([
    ['1 + 2', [], ok(3, 'int')],
    ['1 + 2.5', [], ok(3.5, 'float')],
    ['1.5 + 1.5', [], ok(3, 'float')],
    ['$1 + $2', [1, 2], ok(3, 'int')],
    ['$1 + $2', [1.25, 2], ok(3.25, 'float')],
    ['5 - 7', [], ok(-2, 'int')],
    ['5.5 - 0.5', [], ok(5, 'float')],
    ['6 * 7', [], ok(42, 'int')],
    ['6 * 0.5', [], ok(3, 'float')],
    ['7 / 2', [], ok(3, 'int')],
    ['-7 / 2', [], ok(-3, 'int')],
    ['7 / 2.0', [], ok(3.5, 'float')],
    ['7.0 / 2', [], ok(3.5, 'float')],
    ['7 % 3', [], ok(1, 'int')],
    ['-7 % 3', [], ok(-1, 'int')],
    ['7.5 % 2', [], ok(1.5, 'float')],
    ['2 ^ 10', [], ok(1024, 'float')],
    ['4 ^ 0.5', [], ok(2, 'float')],
    ['-$1', [3], ok(-3, 'int')],
    ['-$1', [2.5], ok(-2.5, 'float')],
    ['1.0 / 0', [], ok(null, 'float')], // +inf is written as null, as serde_json does
    ['0.0 / 0', [], ok(null, 'float')],
  ])('%s with %j', (text, inputs, expected) => {
    expect(run(text, inputs)).toEqual(expected);
  });

  it('is exact 64-bit integer arithmetic beyond 2^53', () => {
    expect(run('9007199254740993 + 2')).toEqual(ok(9007199254740995n, 'int'));
    expect(run('$1 * 3', [9007199254740991])).toEqual(ok(27021597764222973n, 'int'));
    expect(run('9223372036854775807 - 1')).toEqual(ok(9223372036854775806n, 'int'));
    expect(run('(9223372036854775807 - 7) / 2')).toEqual(ok(4611686018427387900n, 'int'));
    // A bigint that a double holds exactly is written as a plain number.
    expect(run('4611686018427387904 / 2')).toEqual(ok(2305843009213693952, 'int'));
  });

  it.each([
    ['9223372036854775807 + 1', 'integer overflow in addition'],
    ['-9223372036854775807 - 2', 'integer overflow in subtraction'],
    ['4611686018427387904 * 2', 'integer overflow in multiplication'],
    ['1 / 0', 'integer division by zero'],
    ['1 % 0', 'integer modulo by zero'],
    ['"a" - 1', "'-' cannot be applied to string and int"],
    ['true * 2', "'*' cannot be applied to boolean and int"],
    ['(1, 2) + "a"', "'+' cannot concatenate a tuple"],
    ['(1, 2) + 1', "'+' cannot be applied to tuple and int"],
    ['-"a"', "unary '-' cannot be applied to string"],
    ['!1', "'!' expects a boolean, got int"],
    ['1 && true', "'&&' expects booleans, got int"],
  ])('%s fails: %s', (text, reason) => {
    expect(run(text)).toEqual({ ok: false, reason, missing: false });
  });
});

describe('+ concatenates when a string is involved', () => {
  it.each([
    ['$1 + ", " + $2', ['Analyst', 'Kent, WA'], 'Analyst, Kent, WA'],
    ['"n=" + 1', [], 'n=1'],
    ['"x=" + 2.5', [], 'x=2.5'],
    ['"x=" + 2.0', [], 'x=2'],
    ['"b=" + true', [], 'b=true'],
    ['1 + 1 + "a"', [], '2a'],
    ['"a" + 1 + 1', [], 'a11'],
    ['"big " + 1e21', [], 'big 1000000000000000000000'],
    ['"small " + 0.0000001', [], 'small 0.0000001'],
  ])('%s', (text, inputs, value) => {
    expect(run(text, inputs)).toEqual(ok(value, 'string'));
  });
});

describe('comparisons', () => {
  it.each([
    ['1 < 2', true],
    ['2 < 1', false],
    ['1 < 1.5', true],
    ['2.5 >= 2', true],
    ['2 <= 2', true],
    ['3 > 3', false],
    ['"abc" < "abd"', true],
    ['"b" > "abc"', true],
    ['"Z" < "a"', true],
    ['false < true', true],
    ['1 == 1.0', true],
    ['1 == 1', true],
    ['1 != 2', true],
    ['"a" == "a"', true],
    ['"1" == 1', false],
    ['true == 1', false],
    ['(1, 2) == (1, 2.0)', true],
    ['(1, 2) == (1, 2, 3)', false],
    ['() == ()', true],
    ['$1 == ()', false],
    ['$1 != ()', true],
    ['9007199254740993 > 9007199254740992', true],
    ['(0.0/0) == (0.0/0)', false],
  ])('%s is %s', (text, value) => {
    expect(run(text, [5])).toEqual(ok(value, 'boolean'));
  });

  it('orders strings by code point, as Rust does (not by UTF-16 unit)', () => {
    expect(run('$1 < $2', ['\u{ff61}', '\u{1f600}'])).toEqual(ok(true, 'boolean'));
  });

  it.each([
    ['1 < "a"', "'<' cannot compare int with string"],
    ['true > 1', "'>' cannot compare boolean with int"],
    ['(1) <= (1, 2)', "'<=' cannot compare int with tuple"],
  ])('%s fails', (text, reason) => {
    expect(run(text)).toEqual({ ok: false, reason, missing: false });
  });
});

describe('logic', () => {
  it.each([
    ['true && true', true],
    ['true && false', false],
    ['false || true', true],
    ['false || false', false],
    ['!false', true],
    ['$1 > 100 && $2 > 200', false],
  ])('%s', (text, value) => {
    expect(run(text, [150, 100])).toEqual(ok(value, 'boolean'));
  });

  it('short-circuits, so the other side is not evaluated', () => {
    expect(run('false && (1 / 0 == 1)')).toEqual(ok(false, 'boolean'));
    expect(run('true || $1 > 1')).toEqual(ok(true, 'boolean'));
  });
});

describe('the empty value and missing inputs (spec §6.10)', () => {
  it('binds a missing input as () so it can be tested', () => {
    expect(run('$1 == ()', [undefined])).toEqual(ok(true, 'boolean'));
    expect(run('if($2 == (), $1, $1 * $2)', [3, undefined])).toEqual(ok(3, 'int'));
    expect(run('if($2 == (), $1, $1 * $2)', [3, 4])).toEqual(ok(12, 'int'));
    expect(run('typeof($1)', [null])).toEqual(ok('empty', 'string'));
  });

  it('marks failures caused by a missing input as missing', () => {
    expect(run('$1 * 2', [undefined])).toEqual({
      ok: false,
      reason: "'*': an input is missing (empty value)",
      missing: true,
    });
    expect(run('$1 + "a"', [undefined])).toMatchObject({ ok: false, missing: true });
    expect(run('$1 < 2', [undefined])).toMatchObject({ ok: false, missing: true });
    expect(run('cToF($1)', [undefined])).toMatchObject({ ok: false, missing: true });
    expect(run('!$1')).toMatchObject({ ok: false, missing: true });
  });

  it('writes nothing for an empty result', () => {
    expect(run('()')).toEqual(ok(undefined, 'empty'));
  });
});

describe('type conversion of inputs (spec §6.9)', () => {
  it.each([
    [42, 'int', 42],
    [-0.5, 'float', -0.5],
    ['2026-01-01T00:00:00Z', 'string', '2026-01-01T00:00:00Z'],
    [true, 'boolean', true],
    [null, 'empty', undefined],
    [[1, 2.5, 'a'], 'tuple', [1, 2.5, 'a']],
    [[1, null], 'tuple', [1, null]],
    [[[1], [2]], 'tuple', [[1], [2]]],
    [9007199254740993n, 'int', 9007199254740993n],
    [1e300, 'float', 1e300],
  ])('%s reads as %s', (input, type, value) => {
    expect(run('$1', [input])).toEqual(ok(value, type));
  });

  it('reads integral JSON numbers as Int, because JSON.parse cannot keep 1.0 apart from 1', () => {
    expect(run('typeof($1)', [JSON.parse('1.0')])).toEqual(ok('int', 'string'));
    expect(run('$1 / 2', [JSON.parse('5.0')])).toEqual(ok(2, 'int'));
  });

  it('refuses JSON objects in expressions', () => {
    expect(run('$1', [{ a: 1 }])).toEqual({
      ok: false,
      reason: 'input $1 is a JSON object; objects can be copied but not used in expressions',
      missing: false,
    });
    expect(run('len($1)', [[{ a: 1 }]])).toMatchObject({ ok: false, missing: false });
  });

  it('keeps integral float results Float', () => {
    expect(run('typeof(cToF(100))')).toEqual(ok('float', 'string'));
    expect(run('cToF(100) / 3')).toMatchObject({ ok: true, type: 'float', value: 212 / 3 });
    expect(run('str::from(2.0 * 3)')).toEqual(ok('6', 'string'));
    expect(run('typeof(-0.0)')).toEqual(ok('float', 'string'));
  });
});
