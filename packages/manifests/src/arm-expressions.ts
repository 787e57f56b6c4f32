import { isRecord } from './json.ts';

/**
 * Just enough of the ARM template expression language to read names and simple values offline:
 * string/number literals, `parameters()` (their defaultValue), `variables()`, `format()`, `concat()`,
 * `toLower()`, `toUpper()` and `string()`. Anything else evaluates to UNRESOLVED.
 */
export interface ArmScope {
  parameters: Record<string, unknown>;
  variables: Record<string, unknown>;
}

/** Stands in for a value only a deployment knows (a parameter without default, resourceGroup(), ...). */
export const UNRESOLVED = '\u0000unresolved\u0000';

const MAX_NESTING = 8;

/** ARM reads a string that starts with `[` and ends with `]` as an expression; `[[` escapes a literal. */
export function isArmExpression(value: string): boolean {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** A literal string as ARM sees it: a leading `[[` stands for `[`. */
export function unescapeArmLiteral(value: string): string {
  return value.startsWith('[[') ? value.slice(1) : value;
}

/** The template text of a literal string: strings that look like expressions get the `[[` escape. */
export function escapeArmLiteral(value: string): string {
  return value.startsWith('[') && value.endsWith(']') ? `[${value}` : value;
}

export function containsUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(UNRESOLVED);
  if (Array.isArray(value)) return value.some(containsUnresolved);
  if (isRecord(value)) return Object.values(value).some(containsUnresolved);
  return false;
}

/**
 * The value of a template string: literals come back unescaped, expressions evaluated (with UNRESOLVED
 * inside what cannot be known). `undefined` when the expression cannot be parsed.
 */
export function evaluateArmString(text: string, scope: ArmScope, nesting = 0): unknown {
  if (!isArmExpression(text)) return unescapeArmLiteral(text);
  if (nesting > MAX_NESTING) return UNRESOLVED;
  try {
    const parser = new Parser(tokenize(text.slice(1, -1)));
    const expression = parser.expression();
    parser.end();
    return evaluate(expression, scope, nesting);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return undefined;
    throw error;
  }
}

/**
 * The last string literal of an expression that could be a value: not a parameter or variable name,
 * not a format string. The best guess at a name the expression does not let us evaluate.
 */
export function lastStringLiteral(text: string): string | undefined {
  if (!isArmExpression(text)) return undefined;
  try {
    const parser = new Parser(tokenize(text.slice(1, -1)));
    const expression = parser.expression();
    parser.end();
    return valueLiterals(expression).at(-1);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return undefined;
    throw error;
  }
}

function valueLiterals(node: Expression): string[] {
  switch (node.type) {
    case 'literal':
      return typeof node.value === 'string' ? [node.value] : [];
    case 'member':
      return valueLiterals(node.target);
    case 'call':
      if (node.name === 'parameters' || node.name === 'variables') return [];
      return (node.name === 'format' ? node.args.slice(1) : node.args).flatMap(valueLiterals);
  }
}

class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
}

interface Token {
  kind: 'string' | 'number' | 'identifier' | 'punctuation';
  value: string;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new ExpressionSyntaxError('unterminated string');
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ kind: 'string', value });
    } else if (/[0-9-]/.test(c)) {
      const match = /^-?\d+/.exec(source.slice(i));
      if (!match) throw new ExpressionSyntaxError(`unexpected "${c}"`);
      tokens.push({ kind: 'number', value: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'identifier', value: match[0] });
      i += match[0].length;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ kind: 'punctuation', value: c });
      i++;
    } else {
      throw new ExpressionSyntaxError(`unexpected "${c}"`);
    }
  }
  return tokens;
}

type Expression =
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'call'; name: string; args: Expression[] }
  | { type: 'member'; target: Expression; property: Expression };

class Parser {
  private readonly tokens: Token[];
  private position = 0;
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  end(): void {
    if (this.position < this.tokens.length) {
      throw new ExpressionSyntaxError('unexpected text after the expression');
    }
  }

  expression(): Expression {
    let node = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        if (name.kind !== 'identifier') throw new ExpressionSyntaxError('property name expected');
        node = { type: 'member', target: node, property: { type: 'literal', value: name.value } };
      } else if (this.accept('[')) {
        const property = this.expression();
        this.expect(']');
        node = { type: 'member', target: node, property };
      } else {
        return node;
      }
    }
  }

  private primary(): Expression {
    const token = this.next();
    if (token.kind === 'string') return { type: 'literal', value: token.value };
    if (token.kind === 'number') return { type: 'literal', value: Number(token.value) };
    if (token.kind !== 'identifier') throw new ExpressionSyntaxError(`unexpected "${token.value}"`);
    if (!this.accept('(')) {
      if (token.value === 'true' || token.value === 'false') {
        return { type: 'literal', value: token.value === 'true' };
      }
      if (token.value === 'null') return { type: 'literal', value: null };
      throw new ExpressionSyntaxError(`"(" expected after ${token.value}`);
    }
    const args: Expression[] = [];
    if (!this.accept(')')) {
      do args.push(this.expression());
      while (this.accept(','));
      this.expect(')');
    }
    return { type: 'call', name: token.value.toLowerCase(), args };
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new ExpressionSyntaxError('unexpected end of expression');
    return token;
  }

  private accept(punctuation: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind === 'punctuation' && token.value === punctuation) {
      this.position++;
      return true;
    }
    return false;
  }

  private expect(punctuation: string): void {
    if (!this.accept(punctuation)) throw new ExpressionSyntaxError(`"${punctuation}" expected`);
  }
}

function evaluate(node: Expression, scope: ArmScope, nesting: number): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'member': {
      const target = evaluate(node.target, scope, nesting);
      const property = evaluate(node.property, scope, nesting);
      if (Array.isArray(target) && typeof property === 'number') return target[property] ?? UNRESOLVED;
      if (isRecord(target) && typeof property === 'string' && Object.hasOwn(target, property)) {
        return target[property];
      }
      return UNRESOLVED;
    }
    case 'call':
      return call(node.name, node.args, scope, nesting);
  }
}

function call(name: string, args: Expression[], scope: ArmScope, nesting: number): unknown {
  const values = () => args.map((a) => evaluate(a, scope, nesting));
  switch (name) {
    case 'parameters': {
      const parameter = lookup(scope.parameters, values()[0]);
      return isRecord(parameter) && parameter.defaultValue !== undefined
        ? resolveNested(parameter.defaultValue, scope, nesting)
        : UNRESOLVED;
    }
    case 'variables': {
      const variable = lookup(scope.variables, values()[0]);
      return variable === undefined ? UNRESOLVED : resolveNested(variable, scope, nesting);
    }
    case 'format': {
      const [format, ...rest] = values();
      if (typeof format !== 'string') return UNRESOLVED;
      return format.replace(/\{\{|\}\}|\{(\d+)(?:[,:][^}]*)?\}/g, (match, index: string | undefined) =>
        index === undefined ? match[0]! : text(rest[Number(index)]),
      );
    }
    case 'concat': {
      const parts = values();
      if (parts.every(Array.isArray)) return parts.flat();
      return parts.map(text).join('');
    }
    case 'tolower':
      return mapString(values()[0], (s) => s.toLowerCase());
    case 'toupper':
      return mapString(values()[0], (s) => s.toUpperCase());
    case 'string':
      return text(values()[0]);
    default:
      return UNRESOLVED;
  }
}

function lookup(table: Record<string, unknown>, key: unknown): unknown {
  if (typeof key !== 'string') return undefined;
  const match = Object.keys(table).find((k) => k.toLowerCase() === key.toLowerCase());
  return match === undefined ? undefined : table[match];
}

function resolveNested(value: unknown, scope: ArmScope, nesting: number): unknown {
  return typeof value === 'string' ? (evaluateArmString(value, scope, nesting + 1) ?? UNRESOLVED) : value;
}

function mapString(value: unknown, f: (s: string) => string): unknown {
  return typeof value === 'string' && !value.includes(UNRESOLVED) ? f(value) : UNRESOLVED;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return UNRESOLVED;
  return JSON.stringify(value);
}
