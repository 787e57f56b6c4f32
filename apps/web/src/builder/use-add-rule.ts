import { useNotify } from '../shell/notify.tsx';
import { focusFirstToFill } from '../forms/focus.ts';
import { RULE_KINDS, ruleRefusal, withRule, type RuleKind } from './operations.ts';
import { useBuilderStore } from './store.ts';

/** The drag type of a transformation rule from the palette (its kind as data). */
export const RULE_DRAG = 'application/x-flowplane-rule';

export function isRuleKind(value: string): value is RuleKind {
  return RULE_KINDS.some((r) => r.kind === value);
}

/**
 * Adds a rule of a kind to the transformation (the stage too, when missing), selects the stage and puts
 * the focus in the new rule's first field still to fill; a refusal is shown with its reason.
 */
export function useAddRule(): (kind: RuleKind) => void {
  const store = useBuilderStore();
  const notify = useNotify();
  return (kind) => {
    const state = store.getState();
    const refusal = ruleRefusal(state.doc, kind);
    if (refusal !== undefined) {
      notify('warning', 'Cannot add this rule', refusal);
      return;
    }
    const { doc, path } = withRule(state.doc, kind);
    state.apply(() => doc);
    state.select('BuiltInTransformation');
    focusFirstToFill(`/${path.join('/')}`);
  };
}
