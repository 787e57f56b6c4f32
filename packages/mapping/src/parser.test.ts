import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_DEPTH } from './decisions.ts';
import { MappingSyntaxError } from './errors.ts';
import { evaluateExpression } from './evaluate.ts';
import { type Expr, maxInputIndex, parseExpression } from './parser.ts';

/** Renders the tree with explicit parentheses, to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return e.literal.type === 'empty'
        ? '()'
        : e.literal.type === 'string'
          ? JSON.stringify(e.literal.value)
          : String(e.literal.value);
    case 'input':
      return `$${e.index}`;
    case 'tuple':
      return `(${e.items.map(show).join(', ')})`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')})`;
  }
}

describe('precedence and associativity (spec §6.6, [Flowplane choice] ^ > unary > *)', () => {
  it.each([
    ['$1 * 2 ^ 3', '($1 * (2 ^ 3))'],
    ['($1 * 2) ^ 3', '(($1 * 2) ^ 3)'],
    ['-$1 * 2', '((-$1) * 2)'],
    ['-2 ^ 2', '(-(2 ^ 2))'],
    ['!$1 == $2', '((!$1) == $2)'],
    ['2 ^ 3 ^ 2', '(2 ^ (3 ^ 2))'],
    ['2 ^ -1', '(2 ^ (-1))'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['8 - 4 - 2', '((8 - 4) - 2)'],
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 % 3', '(1 - (2 % 3))'],
    ['$1 + 1 < $2 * 2', '(($1 + 1) < ($2 * 2))'],
    ['$1 < 2 == $2 > 3', '(($1 < 2) == ($2 > 3))'],
    ['$1 == 1 && $2 != 2', '(($1 == 1) && ($2 != 2))'],
    ['$1 || $2 && $3', '($1 || ($2 && $3))'],
    ['$1 && $2 || $3 && $4', '(($1 && $2) || ($3 && $4))'],
    ['--1', '(-(-1))'],
    ['!!true', '(!(!true))'],
    ['$1 * 2 <= $2', '(($1 * 2) <= $2)'],
    ['$1 >= 2', '($1 >= 2)'],
  ])('%s', (text, tree) => {
    expect(show(parseExpression(text))).toBe(tree);
  });

  it('evaluates the reference examples', () => {
    expect(evaluateExpression('$1 * 2 ^ 3', [2])).toMatchObject({ ok: true, value: 16 });
    expect(evaluateExpression('($1 * 2) ^ 3', [2])).toMatchObject({ ok: true, value: 64 });
    expect(evaluateExpression('-$1 * 2', [3])).toMatchObject({ ok: true, value: -6 });
    expect(evaluateExpression('-2 ^ 2')).toMatchObject({ ok: true, value: -4 });
    expect(evaluateExpression('2 ^ 3 ^ 2')).toMatchObject({ ok: true, value: 512 });
  });
});

describe('syntax', () => {
  it.each([
    ['()', '()'],
    ['($1, $2, 3)', '($1, $2, 3)'],
    ['$1, $2', '($1, $2)'],
    ['((1))', '1'],
    ['scale ($1,0,10,0,100)', 'scale($1, 0, 10, 0, 100)'],
    ['if($1 == (), $2, $1)', 'if(($1 == ()), $2, $1)'],
    ['min((1, 2))', 'min((1, 2))'],
    ['str::from()', 'str::from()'],
    ['math::atan2 ( 1 , 2 )', 'math::atan2(1, 2)'],
    ['"a \\"b\\" \\\\ c"', '"a \\"b\\" \\\\ c"'],
    ["'single'", '"single"'],
    ['1.5e3 + .5 + 2.', '((1500 + 0.5) + 2)'],
    ['true && false', '(true && false)'],
    ['\t$1\n+\r$2 ', '($1 + $2)'],
  ])('%s', (text, tree) => {
    expect(show(parseExpression(text))).toBe(tree);
  });

  it('reads number literals as Int or Float like Rust does', () => {
    const lit = (t: string): unknown => {
      const e = parseExpression(t);
      return e.kind === 'literal' ? e.literal : undefined;
    };
    expect(lit('42')).toEqual({ type: 'int', value: 42 });
    expect(lit('9007199254740993')).toEqual({ type: 'int', value: 9007199254740993n });
    expect(lit('9223372036854775808')).toEqual({ type: 'float', value: 9223372036854775808 });
    expect(lit('2.0')).toEqual({ type: 'float', value: 2 });
    expect(lit('1e2')).toEqual({ type: 'float', value: 100 });
  });

  it.each([
    ['', 1, 'empty expression'],
    ['   ', 1, 'empty expression'],
    ['take($1, 2)', 1, "unknown function 'take'"],
    ['uppercase($1)', 1, "unknown function 'uppercase'"],
    ['1 + sqrt(4)', 5, "unknown function 'sqrt'"],
    ['$1 + avg($2)', 6, "unknown function 'avg'"],
    ['str::regex_matches($1, "a")', 1, 'only available in data flow graphs'],
    ['str::regex_replace($1, "a", "b")', 1, 'only available in data flow graphs'],
    ['average($1)', 1, 'window transforms'],
    ['$1 ?? 0', 4, 'only available in data flow graphs'],
    ['$1 and $2', 4, "'and' is not supported"],
    ['not $1', 1, "'not' is not supported"],
    ['temperature > 3', 1, "unknown identifier 'temperature'"],
    ['$0 + 1', 1, 'numbered from $1'],
    ['$x', 1, 'expected an input reference'],
    ['$1 ? $last', 4, "unexpected character '?'"],
    ['$last', 1, 'belongs after an input path'],
    ['$1 = 2', 4, 'assignment is not supported'],
    ['$1 & $2', 4, "use '&&'"],
    ['$1; $2', 3, "';' chaining"],
    ['"abc', 1, 'unterminated string'],
    ['"a\\qb"', 3, 'unsupported escape'],
    ['(1, 2', 6, "expected ')'"],
    ['1 +', 4, 'unexpected end of expression'],
    ['1 2', 3, "unexpected '2'"],
    [')', 1, "unexpected ')'"],
    ['2abc', 1, 'malformed number'],
    ['cToF($1, $2)', 1, 'cToF takes 1 argument, got 2'],
    ['scale($1)', 1, 'scale takes 5 arguments, got 1'],
    ['str::substring("a")', 1, 'str::substring takes 2 to 3 arguments'],
    ['min()', 1, 'min takes at least 1 argument'],
    ['math::', 1, 'malformed function name'],
    ['@', 1, "unexpected character '@'"],
  ])('rejects %j (column %i)', (text, column, message) => {
    try {
      parseExpression(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MappingSyntaxError);
      expect((e as MappingSyntaxError).reason).toContain(message);
      expect((e as MappingSyntaxError).column).toBe(column);
    }
  });

  it('limits nesting depth instead of overflowing the stack', () => {
    const deep = '('.repeat(MAX_EXPRESSION_DEPTH + 5) + '1' + ')'.repeat(MAX_EXPRESSION_DEPTH + 5);
    expect(() => parseExpression(deep)).toThrow(MappingSyntaxError);
    const ok = '('.repeat(50) + '1' + ')'.repeat(50);
    expect(show(parseExpression(ok))).toBe('1');
  });

  it('reports the highest input used', () => {
    expect(maxInputIndex(parseExpression('1 + 2'))).toMatchObject({ index: 0 });
    const m = maxInputIndex(parseExpression('$1 + if($3 > 0, $2, 0)'));
    expect(m.index).toBe(3);
    expect(m.col).toBe(9);
    expect([...m.used].sort()).toEqual([1, 2, 3]);
  });
});
