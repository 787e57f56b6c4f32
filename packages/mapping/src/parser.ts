import { MAX_EXPRESSION_DEPTH } from './decisions.ts';
import { MappingSyntaxError } from './errors.ts';
import { checkCall } from './functions.ts';
import { type Token, tokenize } from './lexer.ts';
import type { BinaryOp, UnaryOp } from './operators.ts';

export type Literal =
  | { readonly type: 'int'; readonly value: number | bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'empty' };

export type Expr =
  | { readonly kind: 'literal'; readonly literal: Literal; readonly col: number }
  /** `$n`; `index` is 1-based as written. */
  | { readonly kind: 'input'; readonly index: number; readonly col: number }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[]; readonly col: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly col: number }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly col: number;
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly col: number };

// Binding powers, loosest first (spec §6.6 with the Flowplane choice `^` > unary > `*`).
const INFIX: Readonly<Record<string, { readonly bp: number; readonly right?: boolean }>> = {
  '||': { bp: 1 },
  '&&': { bp: 2 },
  '==': { bp: 3 },
  '!=': { bp: 3 },
  '<': { bp: 4 },
  '>': { bp: 4 },
  '<=': { bp: 4 },
  '>=': { bp: 4 },
  '+': { bp: 5 },
  '-': { bp: 5 },
  '*': { bp: 6 },
  '/': { bp: 6 },
  '%': { bp: 6 },
  '^': { bp: 8, right: true },
};
const UNARY_BP = 7;

/**
 * Parses an expression of the dataflow mapping language. Throws only `MappingSyntaxError` (with a
 * 1-based column), including for unknown functions, wrong arity and graph-only features.
 */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] as Token;
  const next = (): Token => tokens[pos++] as Token;
  const fail = (reason: string, col: number): never => {
    throw new MappingSyntaxError(reason, col);
  };
  const describe = (t: Token): string => {
    switch (t.kind) {
      case 'eof':
        return 'end of expression';
      case 'op':
        return `'${t.op}'`;
      case 'ident':
        return `'${t.name}'`;
      case 'var':
        return `$${t.index}`;
      case 'int':
      case 'float':
      case 'bool':
        return `'${String(t.value)}'`;
      case 'string':
        return 'a string';
      default:
        return `'${t.kind}'`;
    }
  };
  const expect = (kind: ')' | ','): void => {
    const t = peek();
    if (t.kind !== kind) fail(`expected '${kind}' but found ${describe(t)}`, t.col);
    pos++;
  };

  // A comma list: one item is itself, several make a tuple (evalexpr allows top-level tuples).
  function list(): Expr {
    const first = binary(0);
    if (peek().kind !== ',') return first;
    const items = [first];
    while (peek().kind === ',') {
      pos++;
      items.push(binary(0));
    }
    return { kind: 'tuple', items, col: first.col };
  }

  function binary(minBp: number): Expr {
    depth++;
    if (depth > MAX_EXPRESSION_DEPTH) fail('expression is nested too deeply', peek().col);
    let left = prefix();
    for (;;) {
      const t = peek();
      if (t.kind !== 'op') break;
      const info = INFIX[t.op];
      if (info === undefined) fail(`${describe(t)} cannot follow an operand`, t.col);
      const { bp, right } = info as { bp: number; right?: boolean };
      if (bp <= minBp) break;
      pos++;
      const rhs = binary(right ? bp - 1 : bp);
      left = { kind: 'binary', op: t.op as BinaryOp, left, right: rhs, col: t.col };
    }
    depth--;
    return left;
  }

  function prefix(): Expr {
    const t = next();
    switch (t.kind) {
      case 'int':
        return { kind: 'literal', literal: { type: 'int', value: t.value }, col: t.col };
      case 'float':
        return { kind: 'literal', literal: { type: 'float', value: t.value }, col: t.col };
      case 'string':
        return { kind: 'literal', literal: { type: 'string', value: t.value }, col: t.col };
      case 'bool':
        return { kind: 'literal', literal: { type: 'boolean', value: t.value }, col: t.col };
      case 'var':
        return { kind: 'input', index: t.index, col: t.col };
      case 'op':
        if (t.op === '-' || t.op === '!') {
          return { kind: 'unary', op: t.op, operand: binary(UNARY_BP), col: t.col };
        }
        return fail(`unexpected ${describe(t)}`, t.col);
      case '(': {
        if (peek().kind === ')') {
          pos++;
          return { kind: 'literal', literal: { type: 'empty' }, col: t.col };
        }
        const inner = list();
        expect(')');
        return inner.kind === 'tuple' ? { ...inner, col: t.col } : inner;
      }
      case 'ident':
        return call(t.name, t.col);
      default:
        return fail(`unexpected ${describe(t)}`, t.col);
    }
  }

  function call(name: string, col: number): Expr {
    if (peek().kind !== '(') {
      if (name === 'and' || name === 'or' || name === 'not') {
        fail(`'${name}' is not supported; use '&&', '||' or '!'`, col);
      }
      fail(`unknown identifier '${name}' (inputs are written $1, $2, ...)`, col);
    }
    const problem = checkCall(name, -1);
    if (problem !== undefined) fail(problem, col);
    pos++; // '('
    const args: Expr[] = [];
    if (peek().kind !== ')') {
      args.push(binary(0));
      while (peek().kind === ',') {
        pos++;
        args.push(binary(0));
      }
    }
    expect(')');
    const arity = checkCall(name, args.length);
    if (arity !== undefined) fail(arity, col);
    return { kind: 'call', name, args, col };
  }

  if (peek().kind === 'eof') fail('empty expression', 1);
  const root = list();
  const t = peek();
  if (t.kind === 'ident' && (t.name === 'and' || t.name === 'or')) {
    fail(`'${t.name}' is not supported; use '&&' or '||'`, t.col);
  }
  if (t.kind !== 'eof') fail(`unexpected ${describe(t)}`, t.col);
  return root;
}

/** Highest `$n` used by an expression (0 when none) and every index used (1-based). */
export function maxInputIndex(e: Expr): { index: number; col: number; used: ReadonlySet<number> } {
  let best = { index: 0, col: 0 };
  const used = new Set<number>();
  const visit = (x: Expr): void => {
    switch (x.kind) {
      case 'input':
        used.add(x.index);
        if (x.index > best.index) best = { index: x.index, col: x.col };
        return;
      case 'tuple':
        x.items.forEach(visit);
        return;
      case 'unary':
        visit(x.operand);
        return;
      case 'binary':
        visit(x.left);
        visit(x.right);
        return;
      case 'call':
        x.args.forEach(visit);
        return;
      case 'literal':
        return;
    }
  };
  visit(e);
  return { ...best, used };
}
