import { compileExpr } from './compile-expr.ts';
import { maxInputIndex, parseExpression } from './parser.ts';
import { type ValueTypeName, EvalFailure, fromJson, toJson, typeName } from './values.ts';

export type ExpressionResult =
  | { readonly ok: true; readonly value: unknown; readonly type: ValueTypeName }
  | { readonly ok: false; readonly reason: string; readonly missing: boolean };

/**
 * Evaluates one expression against JSON input values (`undefined` = missing), as a map rule would:
 * for formula previews and tests. Throws `MappingSyntaxError` for an invalid expression; evaluation
 * failures are returned. `value` is the JSON the rule would write (`undefined` = nothing written).
 */
export function evaluateExpression(expression: string, inputs: readonly unknown[] = []): ExpressionResult {
  const ast = parseExpression(expression);
  const fn = compileExpr(ast);
  const max = maxInputIndex(ast);
  try {
    const args = inputs.map((x, k) => fromJson(x, k + 1));
    // Unbound `$n` beyond the given inputs read as missing, like an absent field.
    for (let k = args.length; k < max.index; k++) args.push(undefined);
    const v = fn(args);
    return { ok: true, value: toJson(v), type: typeName(v) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, reason: e.reason, missing: e.missing };
    throw e;
  }
}

/**
 * JSON.stringify that also writes bigints (Ints beyond 2^53 the engine keeps exact) as JSON numbers.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    // JSON.stringify refuses bigints; only then take the slower path.
    return writeJson(value) ?? 'null';
  }
}

function writeJson(v: unknown): string | undefined {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  const withToJson = v as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') return writeJson((withToJson.toJSON as () => unknown).call(v));
  if (Array.isArray(v)) return `[${v.map((e: unknown) => writeJson(e) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const k of Object.keys(v)) {
    const text = writeJson((v as Record<string, unknown>)[k]);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
