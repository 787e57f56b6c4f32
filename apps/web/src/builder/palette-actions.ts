// What the palette's items do, dropped on the canvas or clicked (keyboard users cannot drag).
import { useContext } from 'react';
import { useNotify } from '../shell/notify.tsx';
import { focusFirstToFill } from '../forms/focus.ts';
import { dropVerdict } from './connections.ts';
import {
  RULE_KINDS,
  endpointRefOf,
  ruleRefusal,
  withDestination,
  withEndpoint,
  withRule,
  withTransformation,
  type RuleKind,
  type StageType,
} from './operations.ts';
import { useBuilderStore } from './store.ts';
import { EndpointsContext } from './use-drop-verdict.ts';

export const ENDPOINT_DRAG = 'application/x-flowplane-endpoint';
export const TRANSFORMATION_DRAG = 'application/x-flowplane-transformation';

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

/** Adds the transformation stage (with its pass-through rule) and selects it. */
export function useAddTransformation(): () => void {
  const store = useBuilderStore();
  return () => {
    const state = store.getState();
    state.apply(withTransformation);
    state.select('BuiltInTransformation');
  };
}

/**
 * Puts an endpoint on a stage (`at`), or, without one, on the first end still without an endpoint; a
 * place the connection rules forbid is refused with their reason and changes nothing.
 */
export function usePlaceEndpoint(): (name: string, at?: StageType) => void {
  const store = useBuilderStore();
  const notify = useNotify();
  const endpoints = useContext(EndpointsContext);
  return (name, at) => {
    const state = store.getState();
    const stage = at ?? (endpointRefOf(state.doc, 'Source') === undefined ? 'Source' : 'Destination');
    const endpoint = endpoints.get(name);
    const verdict = dropVerdict(state.doc, stage, endpoint, endpoints);
    if (!verdict.ok) {
      notify('warning', `${name} cannot go there`, verdict.reason);
      return;
    }
    if (stage === 'BuiltInTransformation') return;
    state.apply((current) =>
      stage === 'Destination' && endpoint
        ? withDestination(current, endpoint)
        : withEndpoint(current, stage, name),
    );
    state.select(stage);
  };
}
