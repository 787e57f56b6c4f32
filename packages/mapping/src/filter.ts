// The filter stage, spec §7: rules are OR-ed and evaluated in order; the first rule whose verdict
// equals FILTER_TRUE_DROPS drops the message.
import type { Closure } from './compile-expr.ts';
import type { Expr } from './parser.ts';
import type { FieldRef } from './path.ts';
import { type MessageContext, type Reader, addWarning } from './context.ts';
import { FILTER_TRUE_DROPS } from './decisions.ts';
import type { FilterRuleTrace } from './types.ts';
import { type Val, EvalFailure, fromJson, typeName } from './values.ts';

export interface FilterRule {
  readonly index: number;
  readonly inputs: readonly Reader[];
  readonly expr: Closure;
  readonly mask: number;
  readonly scratch: Val[];
  /** Source form, for the code generator. */
  readonly refs: readonly FieldRef[];
  readonly ast: Expr;
  readonly used: readonly boolean[];
}

export type FilterOutcome =
  | { readonly kind: 'pass' }
  | { readonly kind: 'drop'; readonly rule: number }
  | { readonly kind: 'error'; readonly rule: number; readonly reason: string };

const PASS: FilterOutcome = { kind: 'pass' };

export function runFilter(
  rules: readonly FilterRule[],
  ctx: MessageContext,
  trace: FilterRuleTrace[] | undefined,
): FilterOutcome {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as FilterRule;
    if ((ctx.bound & rule.mask) !== rule.mask) {
      trace?.push({
        rule: rule.index,
        verdict: 'skipped',
        reason: 'a dataset it reads did not match this message',
      });
      continue;
    }
    let v: Val;
    try {
      const scratch = rule.scratch;
      for (let k = 0; k < rule.inputs.length; k++) {
        const raw = (rule.inputs[k] as Reader)(ctx);
        scratch[k] = typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : fromJson(raw, k + 1);
      }
      v = rule.expr(scratch);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      if (e.missing) {
        // Spec §6.10 [Flowplane choice]: a rule that fails on a missing input counts as false.
        addWarning(ctx, { stage: 'filter', rule: rule.index, reason: e.reason });
        trace?.push({ rule: rule.index, verdict: 'missing', reason: e.reason });
        continue;
      }
      trace?.push({ rule: rule.index, verdict: 'error', reason: e.reason });
      return { kind: 'error', rule: rule.index, reason: e.reason };
    }
    if (typeof v !== 'boolean') {
      if (v === undefined) {
        const reason = 'the expression evaluated to the empty value (a missing input)';
        addWarning(ctx, { stage: 'filter', rule: rule.index, reason });
        trace?.push({ rule: rule.index, verdict: 'missing', reason });
        continue;
      }
      const reason = `filter expression must evaluate to a boolean, got ${typeName(v)}`;
      trace?.push({ rule: rule.index, verdict: 'error', reason });
      return { kind: 'error', rule: rule.index, reason };
    }
    trace?.push({ rule: rule.index, verdict: v ? 'true' : 'false' });
    if (v === FILTER_TRUE_DROPS) return { kind: 'drop', rule: rule.index };
  }
  return PASS;
}
