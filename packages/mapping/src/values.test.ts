import { describe, expect, it } from 'vitest';
import { stringifyJson } from './evaluate.ts';
import { compareStrings, display, formatFloat, FloatBox } from './values.ts';

describe('formatFloat (Rust Display for f64)', () => {
  it.each([
    [1, '1'],
    [1.5, '1.5'],
    [-0, '-0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e25, '-25000000000000000000000000'],
    [1.234e-10, '0.0000000001234'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'NaN'],
  ])('%s → %s', (x, text) => {
    expect(formatFloat(x)).toBe(text);
  });
});

describe('display', () => {
  it('quotes strings inside tuples and marks floats', () => {
    expect(display([1, 'a', new FloatBox(2), true, undefined, [2.5]])).toBe('(1, "a", 2, true, (), (2.5))');
  });
});

describe('compareStrings', () => {
  it('orders by code point', () => {
    expect(compareStrings('a', 'b')).toBeLessThan(0);
    expect(compareStrings('ab', 'a')).toBeGreaterThan(0);
    expect(compareStrings('\uffff', '\u{10000}')).toBeLessThan(0);
    expect('\uffff' < '\u{10000}').toBe(false); // what plain JS comparison would get wrong
  });
});

describe('stringifyJson', () => {
  it('writes bigints as JSON numbers', () => {
    expect(
      stringifyJson({ big: 9007199254740993n, list: [1n, 'x', undefined], s: 'é"', u: undefined, n: NaN }),
    ).toBe('{"big":9007199254740993,"list":[1,"x",null],"s":"é\\"","n":null}');
    expect(stringifyJson({ a: 1 })).toBe('{"a":1}');
    expect(stringifyJson(12n)).toBe('12');
  });
});
