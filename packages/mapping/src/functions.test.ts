// Every built-in function of spec §6.7, with edge values.
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate.ts';
import { FUNCTION_NAMES } from './functions.ts';

const value = (text: string, inputs: unknown[] = []): unknown => {
  const r = evaluateExpression(text, inputs);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.value;
};
const typed = (text: string, inputs: unknown[] = []): [unknown, string] => {
  const r = evaluateExpression(text, inputs);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return [r.value, r.type];
};
const failure = (text: string, inputs: unknown[] = []): string => {
  const r = evaluateExpression(text, inputs);
  if (r.ok) throw new Error(`${text} unexpectedly gave ${String(r.value)}`);
  return r.reason;
};

describe('unit conversions: one number in, a Float out', () => {
  it.each([
    ['cToF(100)', 212],
    ['cToF(-40)', -40],
    ['cToF(36.6)', (36.6 * 9) / 5 + 32],
    ['fToC(212)', 100],
    ['fToC(98.6)', ((98.6 - 32) * 5) / 9],
    ['psiToBar(100)', 6.89476],
    ['barToPsi(1)', 1 / 0.0689476],
    ['inToCm(10)', 25.4],
    ['cmToIn(2.54)', 1],
    ['ftToM(1)', 0.3048],
    ['mToFt(0.3048)', 1],
    ['lbToKg(1)', 0.453592],
    ['kgToLb(0.453592)', 1],
    ['galToL(1)', 3.78541],
    ['lToGal(3.78541)', 1],
  ])('%s = %d', (text, expected) => {
    const [v, type] = typed(text);
    expect(type).toBe('float');
    expect(v).toBeCloseTo(expected, 12);
  });

  it('rejects non-numbers and reports missing inputs as missing', () => {
    expect(failure('cToF("hot")')).toBe('cToF expects a number, got string');
    expect(evaluateExpression('fToC($1)', [undefined])).toMatchObject({ ok: false, missing: true });
  });
});

describe('scale and rounding', () => {
  it.each([
    ['scale(5, 0, 10, 0, 100)', 50],
    ['scale(2048, 0, 4095, 0, 100)', (2048 * 100) / 4095],
    ['scale(15, 0, 10, 0, 100)', 150],
    ['scale(0, 0, 10, 100, 0)', 100],
    ['scale(4.2, 4, 20, -1, 1)', (0.2 * 2) / 16 - 1],
    ['round_n(3.14159, 2)', 3.14],
    ['round_n(2.5, 0)', 3],
    ['round_n(-2.5, 0)', -3],
    ['round_n(1.23456789, 15)', 1.23456789],
    ['round_n(12, 1)', 12],
    ['floor(2.9)', 2],
    ['floor(-2.1)', -3],
    ['ceil(2.1)', 3],
    ['ceil(-2.9)', -2],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(2.4999)', 2],
    ['round(0.49999999999999994)', 0],
    ['round(7)', 7],
  ])('%s = %d', (text, expected) => {
    const [v, type] = typed(text);
    expect(type).toBe('float');
    expect(v).toBeCloseTo(expected, 12);
  });

  it('keeps the sign of a negative zero and passes infinities through', () => {
    expect(value('str::from(round(-0.3))')).toBe('-0');
    expect(value('str::from(floor(1.0 / 0))')).toBe('inf');
  });

  it.each([
    ['scale(1, 5, 5, 0, 1)', 'scale: the source range is empty (srcLo equals srcHi)'],
    ['round_n(1.5, 16)', 'round_n: decimals must be between 0 and 15, got 16'],
    ['round_n(1.5, -1)', 'round_n: decimals must be between 0 and 15, got -1'],
    ['round_n(1.5, 1.5)', 'round_n expects an integer, got float'],
    ['floor("1")', 'floor expects a number, got string'],
  ])('%s fails', (text, reason) => {
    expect(failure(text)).toBe(reason);
  });
});

describe('math::', () => {
  it.each([
    ['math::abs(-3)', 3, 'int'],
    ['math::abs(-3.5)', 3.5, 'float'],
    ['math::sqrt(16)', 4, 'float'],
    ['math::cbrt(27)', 3, 'float'],
    ['math::ln(1)', 0, 'float'],
    ['math::log2(8)', 3, 'float'],
    ['math::log10(1000)', 3, 'float'],
    ['math::log(8, 2)', 3, 'float'],
    ['math::exp(0)', 1, 'float'],
    ['math::exp2(10)', 1024, 'float'],
    ['math::pow(2, 8)', 256, 'float'],
    ['math::pow(1, 0.0 / 0)', 1, 'float'],
    ['math::cos(0)', 1, 'float'],
    ['math::sin(0)', 0, 'float'],
    ['math::tan(0)', 0, 'float'],
    ['math::acos(1)', 0, 'float'],
    ['math::asin(1)', Math.PI / 2, 'float'],
    ['math::atan(1)', Math.PI / 4, 'float'],
    ['math::atan2(1, 1)', Math.PI / 4, 'float'],
    ['math::atan2(-1, -1)', (-3 * Math.PI) / 4, 'float'],
    ['math::hypot(3, 4)', 5, 'float'],
  ])('%s = %d', (text, expected, type) => {
    const [v, t] = typed(text);
    expect(t).toBe(type);
    expect(v).toBeCloseTo(expected, 12);
  });

  it('returns NaN (written as null) for the square root of a negative number', () => {
    expect(typed('math::sqrt(-1)')).toEqual([null, 'float']);
    expect(value('str::from(math::sqrt(-1))')).toBe('NaN');
    expect(value('str::from(math::ln(0))')).toBe('-inf');
  });

  it('fails on Int overflow of abs', () => {
    expect(failure('math::abs(-9223372036854775807 - 1)')).toBe('integer overflow in math::abs');
  });
});

describe('strings', () => {
  it.each([
    ['len("Azure")', 5],
    ['len("héllo wörld")', 11],
    ['len("😀a")', 2],
    ['len("")', 0],
    ['len((1, 2, 3))', 3],
    ['len(1, 2, 3)', 3],
    ['len(())', undefined],
  ])('%s', (text, expected) => {
    if (expected === undefined) expect(evaluateExpression(text)).toMatchObject({ ok: false, missing: true });
    else expect(typed(text)).toEqual([expected, 'int']);
  });

  it.each([
    ['str::to_lowercase("HeLLo ÄÖ")', 'hello äö'],
    ['str::to_uppercase("straße")', 'STRASSE'],
    ['str::trim("  \\t padded \\n ")', 'padded'],
    ['str::from(42)', '42'],
    ['str::from(4.5)', '4.5'],
    ['str::from(1e21)', '1000000000000000000000'],
    ['str::from(true)', 'true'],
    ['str::from("already")', 'already'],
    ['str::from((1, "a", 2.5))', '(1, "a", 2.5)'],
    ['str::from(())', '()'],
    ['str::from()', '()'],
    ['str::substring("temperature", 0, 4)', 'temp'],
    ['str::substring("temperature", 4)', 'erature'],
    ['str::substring("héllo", 1, 3)', 'él'],
    ['str::substring("😀ab", 1, 2)', 'a'],
    ['str::substring("abc", 3, 3)', ''],
  ])('%s = %j', (text, expected) => {
    expect(typed(text)).toEqual([expected, 'string']);
  });

  it.each([
    [
      'str::substring("abc", 2, 1)',
      'str::substring: range 2..1 is out of bounds for a string of 3 characters',
    ],
    [
      'str::substring("abc", 0, 4)',
      'str::substring: range 0..4 is out of bounds for a string of 3 characters',
    ],
    [
      'str::substring("abc", -1)',
      'str::substring: range -1..3 is out of bounds for a string of 3 characters',
    ],
    ['str::to_uppercase(1)', 'str::to_uppercase expects a string, got int'],
    ['len(5)', 'len expects a string or a tuple, got int'],
  ])('%s fails', (text, reason) => {
    expect(failure(text)).toBe(reason);
  });
});

describe('conditionals and collections', () => {
  it.each([
    ['if($1 > 100, "high", "normal")', [150], ['high', 'string']],
    ['if($1 > 100, "high", "normal")', [50], ['normal', 'string']],
    ['if($1 > 5, true, false)', [6], [true, 'boolean']],
    ['min(2, 3, 1)', [], [1, 'int']],
    ['max(2, 3, 1)', [], [3, 'int']],
    ['min($1)', [[2.34, 12.3, 32.4]], [2.34, 'float']],
    ['max($1)', [[2.34, 12.3, 32.4]], [32.4, 'float']],
    ['min(7)', [], [7, 'int']],
    ['min(1, 0.5)', [], [0.5, 'float']],
    ['min(1, 1.0)', [], [1, 'float']],
    ['max(2, 1.5)', [], [2, 'int']],
    ['min(9007199254740993, 9007199254740992)', [], [9007199254740992, 'int']],
    ['max(1, 0.0 / 0)', [], [1, 'int']],
    ['max(0.0 / 0, 2.5, 1)', [], [2.5, 'float']],
    ['contains((1, 2, 3), 2)', [], [true, 'boolean']],
    ['contains((1, 2, 3), 2.0)', [], [true, 'boolean']],
    ['contains(("a", "b"), "c")', [], [false, 'boolean']],
    ['contains($1, "b")', [['a', 'b']], [true, 'boolean']],
    ['contains_any((1, 2, 3), (9, 3))', [], [true, 'boolean']],
    ['contains_any((1, 2, 3), (8, 9))', [], [false, 'boolean']],
    ['contains_any((1, 2), $1)', [[]], [false, 'boolean']],
    ['typeof("s")', [], ['string', 'string']],
    ['typeof(1.5)', [], ['float', 'string']],
    ['typeof(1)', [], ['int', 'string']],
    ['typeof(true)', [], ['boolean', 'string']],
    ['typeof((1, 2))', [], ['tuple', 'string']],
    ['typeof(())', [], ['empty', 'string']],
  ])('%s with %j', (text, inputs, expected) => {
    expect(typed(text, inputs)).toEqual(expected);
  });

  it('evaluates only the branch `if` returns', () => {
    expect(typed('if(true, 1, 1 / 0)')).toEqual([1, 'int']);
    expect(typed('if($1 == (), 0, $1 * 2)', [undefined])).toEqual([0, 'int']);
  });

  it.each([
    ['if(1, 2, 3)', 'if expects a boolean condition, got int'],
    ['min((1, "a"))', 'min expects numbers, got string'],
    ['max($1)', 'max of an empty tuple'],
    ['contains(1, 1)', 'contains expects a tuple, got int'],
    ['contains((1, 2), (1, 2))', 'contains expects a string, number or boolean, got a tuple'],
    ['contains_any((1, 2), 1)', 'contains_any expects a tuple, got int'],
  ])('%s fails', (text, reason) => {
    expect(failure(text, [[]])).toBe(reason);
  });

  it('reports a missing condition as missing', () => {
    expect(evaluateExpression('if($1, 1, 2)', [undefined])).toMatchObject({ ok: false, missing: true });
  });
});

it('implements exactly the documented dataflow functions', () => {
  expect([...FUNCTION_NAMES].sort()).toEqual(
    [
      'cToF',
      'fToC',
      'psiToBar',
      'barToPsi',
      'inToCm',
      'cmToIn',
      'ftToM',
      'mToFt',
      'lbToKg',
      'kgToLb',
      'galToL',
      'lToGal',
      'scale',
      'round_n',
      'floor',
      'round',
      'ceil',
      'math::abs',
      'math::sqrt',
      'math::cbrt',
      'math::ln',
      'math::log2',
      'math::log10',
      'math::log',
      'math::exp',
      'math::exp2',
      'math::pow',
      'math::cos',
      'math::sin',
      'math::tan',
      'math::acos',
      'math::asin',
      'math::atan',
      'math::atan2',
      'math::hypot',
      'len',
      'str::to_lowercase',
      'str::to_uppercase',
      'str::trim',
      'str::from',
      'str::substring',
      'if',
      'min',
      'max',
      'contains',
      'contains_any',
      'typeof',
    ].sort(),
  );
});
