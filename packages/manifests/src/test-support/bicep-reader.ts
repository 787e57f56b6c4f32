/**
 * A test-only reader for the Bicep that `toBicep` writes: parameter and resource declarations whose
 * values are literals, object/array literals, `json('…')` and symbol references (read as `{ $ref }`).
 * No Bicep parser exists for Node; this one is deliberately small and strict (it throws on anything else).
 */
export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  body: Record<string, unknown>;
}

export interface BicepFile {
  params: string[];
  resources: BicepResource[];
}

export interface BicepReference {
  $ref: string;
}

interface Token {
  kind: 'identifier' | 'string' | 'number' | 'punctuation';
  value: string;
}

export function readBicep(source: string): BicepFile {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const next = (): Token => {
    const token = tokens[position++];
    if (!token) throw new Error('unexpected end of file');
    return token;
  };
  const expect = (value: string): void => {
    const token = next();
    if (token.value !== value) throw new Error(`expected "${value}", got "${token.value}"`);
  };
  const identifier = (): string => {
    const token = next();
    if (token.kind !== 'identifier') throw new Error(`identifier expected, got "${token.value}"`);
    return token.value;
  };

  const value = (): unknown => {
    const token = next();
    if (token.kind === 'string') return token.value;
    if (token.kind === 'number') return Number(token.value);
    if (token.value === '{') {
      const object: Record<string, unknown> = {};
      while (peek()?.value !== '}') {
        const key = next();
        if (key.kind !== 'identifier' && key.kind !== 'string') {
          throw new Error(`property name expected, got "${key.value}"`);
        }
        expect(':');
        Object.defineProperty(object, key.value, {
          value: value(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      expect('}');
      return object;
    }
    if (token.value === '[') {
      const array: unknown[] = [];
      while (peek()?.value !== ']') array.push(value());
      expect(']');
      return array;
    }
    if (token.value === '-') {
      const number = next();
      if (number.kind !== 'number') throw new Error('number expected after "-"');
      return -Number(number.value);
    }
    if (token.kind === 'identifier') {
      if (token.value === 'true' || token.value === 'false') return token.value === 'true';
      if (token.value === 'null') return null;
      if (token.value === 'json' && peek()?.value === '(') {
        expect('(');
        const argument = next();
        expect(')');
        return JSON.parse(argument.value) as unknown;
      }
      let ref = token.value;
      while (peek()?.value === '.') {
        next();
        ref += `.${identifier()}`;
      }
      return { $ref: ref } satisfies BicepReference;
    }
    throw new Error(`unexpected "${token.value}"`);
  };

  const file: BicepFile = { params: [], resources: [] };
  while (position < tokens.length) {
    while (peek()?.value === '@') {
      next();
      identifier();
      expect('(');
      while (peek()?.value !== ')') value();
      expect(')');
    }
    const keyword = identifier();
    if (keyword === 'param') {
      file.params.push(identifier());
      identifier();
    } else if (keyword === 'resource') {
      const symbol = identifier();
      const typeToken = next();
      if (typeToken.kind !== 'string') throw new Error('resource type expected');
      const [type = '', apiVersion = ''] = typeToken.value.split('@');
      const existing = peek()?.value === 'existing';
      if (existing) next();
      expect('=');
      const body = value();
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new Error('resource body expected');
      }
      file.resources.push({ symbol, type, apiVersion, existing, body: { ...body } });
    } else {
      throw new Error(`unexpected "${keyword}"`);
    }
  }
  return file;
}

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", n: '\n', r: '\r', t: '\t', $: '$' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === "'") {
      let value = '';
      i++;
      while (source[i] !== "'") {
        if (i >= source.length) throw new Error('unterminated string');
        if (source.startsWith('${', i)) {
          throw new Error('string interpolation is not expected in generated Bicep');
        }
        if (source[i] === '\\') {
          const escape = source[i + 1] ?? '';
          if (escape === 'u') {
            const end = source.indexOf('}', i);
            value += String.fromCodePoint(parseInt(source.slice(i + 3, end), 16));
            i = end + 1;
            continue;
          }
          const replacement = ESCAPES[escape];
          if (replacement === undefined) throw new Error(`unknown escape \\${escape}`);
          value += replacement;
          i += 2;
          continue;
        }
        value += source[i];
        i++;
      }
      i++;
      tokens.push({ kind: 'string', value });
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+/.exec(source.slice(i))!;
      tokens.push({ kind: 'number', value: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'identifier', value: match[0] });
      i += match[0].length;
    } else if ('{}[]:.=()@,-'.includes(c)) {
      tokens.push({ kind: 'punctuation', value: c });
      i++;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}
