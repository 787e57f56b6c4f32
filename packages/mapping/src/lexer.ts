import { MappingSyntaxError } from './errors.ts';

export type Token =
  | { readonly kind: 'int'; readonly value: number | bigint; readonly col: number }
  | { readonly kind: 'float'; readonly value: number; readonly col: number }
  | { readonly kind: 'string'; readonly value: string; readonly col: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly col: number }
  | { readonly kind: 'var'; readonly index: number; readonly col: number }
  | { readonly kind: 'ident'; readonly name: string; readonly col: number }
  | { readonly kind: 'op'; readonly op: string; readonly col: number }
  | { readonly kind: '(' | ')' | ',' | 'eof'; readonly col: number };

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '^', '<', '>', '!'];
const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const I64_MAX = 2n ** 63n - 1n;

/** Splits an expression into tokens; columns are 1-based. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const fail = (reason: string, at: number): never => {
    throw new MappingSyntaxError(reason, at + 1);
  };
  while (pos < text.length) {
    const c = text[pos] as string;
    const col = pos + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, col });
      pos++;
      continue;
    }
    if (c === '"' || c === "'") {
      pos = readString(text, pos, tokens, fail);
      continue;
    }
    if (c === '$') {
      const m = /^\$(\d+)/.exec(text.slice(pos));
      if (!m) {
        if (/^\$last\b/i.test(text.slice(pos)))
          fail('`? $last` belongs after an input path, not in the expression', pos);
        fail('expected an input reference like $1', pos);
      }
      const digits = (m as RegExpExecArray)[1] as string;
      const index = Number(digits);
      if (index < 1) fail('inputs are numbered from $1', pos);
      pos += digits.length + 1;
      if (pos < text.length && /[A-Za-z_]/.test(text[pos] as string))
        fail('unexpected character after input reference', pos);
      tokens.push({ kind: 'var', index, col });
      continue;
    }
    if (/[0-9.]/.test(c)) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(text);
      if (!m) return fail(`unexpected character '${c}'`, pos);
      const lexeme = m[0];
      pos += lexeme.length;
      if (pos < text.length && /[A-Za-z_0-9.]/.test(text[pos] as string)) fail(`malformed number`, col - 1);
      tokens.push(numberToken(lexeme, col));
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      IDENT.lastIndex = pos;
      const m = IDENT.exec(text) as RegExpExecArray;
      const name = m[0];
      pos += name.length;
      if (text.startsWith('::', pos)) fail('malformed function name', col - 1);
      if (name === 'true' || name === 'false') tokens.push({ kind: 'bool', value: name === 'true', col });
      else tokens.push({ kind: 'ident', name, col });
      continue;
    }
    if (text.startsWith('??', pos)) {
      fail(
        'the `??` default operator is only available in data flow graphs, not in dataflow transformations',
        pos,
      );
    }
    const op = OPERATORS.find((o) => text.startsWith(o, pos));
    if (op !== undefined) {
      tokens.push({ kind: 'op', op, col });
      pos += op.length;
      continue;
    }
    if (c === '=') fail("assignment is not supported (use '==' to compare)", pos);
    if (c === '&' || c === '|') fail(`'${c}' is not an operator (use '${c}${c}')`, pos);
    if (c === ';') fail("';' chaining is not supported", pos);
    fail(`unexpected character '${c}'`, pos);
  }
  tokens.push({ kind: 'eof', col: text.length + 1 });
  return tokens;
}

function numberToken(lexeme: string, col: number): Token {
  if (/^\d+$/.test(lexeme)) {
    const big = BigInt(lexeme);
    // Like Rust's `parse::<i64>()` failing over to f64: a literal beyond i64 is a float.
    if (big > I64_MAX) return { kind: 'float', value: Number(lexeme), col };
    const n = Number(big);
    return { kind: 'int', value: Number.isSafeInteger(n) ? n : big, col };
  }
  return { kind: 'float', value: Number(lexeme), col };
}

function readString(
  text: string,
  start: number,
  tokens: Token[],
  fail: (r: string, at: number) => never,
): number {
  const quote = text[start];
  let pos = start + 1;
  let value = '';
  for (;;) {
    if (pos >= text.length) fail('unterminated string literal', start);
    const c = text[pos] as string;
    if (c === quote) break;
    if (c === '\\') {
      const e = text[pos + 1];
      const escaped = e === undefined ? undefined : ESCAPES[e];
      if (escaped === undefined) fail(`unsupported escape sequence '\\${e ?? ''}'`, pos);
      value += escaped;
      pos += 2;
      continue;
    }
    value += c;
    pos++;
  }
  tokens.push({ kind: 'string', value, col: start + 1 });
  return pos + 1;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
};
