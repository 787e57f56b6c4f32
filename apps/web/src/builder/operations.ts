import {
  API_VERSION,
  OPERATION_SETTINGS_KEY,
  isRecord,
  requiredOutputFormats,
  type Dataflow,
  type DataflowEndpoint,
  type DataflowOperation,
  type OperationType,
} from '@flowplane/model';

/** The three stages of a dataflow as the canvas shows them, in order. */
export const STAGES = [
  'Source',
  'BuiltInTransformation',
  'Destination',
] as const satisfies readonly OperationType[];
export type StageType = (typeof STAGES)[number];

const RANK: Record<OperationType, number> = { Source: 0, BuiltInTransformation: 1, Destination: 2 };

/** A new dataflow: from the instance's local broker endpoint `default` to a destination still to choose. */
export function newDataflow(): Dataflow {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name: '' },
    spec: {
      profileRef: 'default',
      mode: 'Enabled',
      operations: [
        { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: [''] } },
        { operationType: 'Destination', destinationSettings: { endpointRef: '', dataDestination: '' } },
      ],
    },
  };
}

/** Index of the first operation of a type, or -1. */
export function operationIndex(doc: Dataflow, type: OperationType): number {
  return doc.spec.operations.findIndex((op) => op.operationType === type);
}

export function settingsOf(doc: Dataflow, type: OperationType): Record<string, unknown> | undefined {
  const op = doc.spec.operations[operationIndex(doc, type)];
  const settings: unknown = op?.[OPERATION_SETTINGS_KEY[type]];
  return isRecord(settings) ? settings : undefined;
}

export function endpointRefOf(doc: Dataflow, type: 'Source' | 'Destination'): string | undefined {
  const ref = settingsOf(doc, type)?.endpointRef;
  return typeof ref === 'string' && ref !== '' ? ref : undefined;
}

/** Inserts an operation where its type belongs (source first, destination last). */
function withOperation(doc: Dataflow, operation: DataflowOperation): Dataflow {
  const operations = [...doc.spec.operations];
  const at = operations.findIndex((op) => RANK[op.operationType] > RANK[operation.operationType]);
  operations.splice(at === -1 ? operations.length : at, 0, operation);
  return { ...doc, spec: { ...doc.spec, operations } };
}

/** Sets the endpoint of the source or destination stage, creating the stage when it is missing. */
export function withEndpoint(doc: Dataflow, type: 'Source' | 'Destination', name: string): Dataflow {
  const index = operationIndex(doc, type);
  if (index === -1) {
    return withOperation(
      doc,
      type === 'Source'
        ? { operationType: 'Source', sourceSettings: { endpointRef: name, dataSources: [''] } }
        : { operationType: 'Destination', destinationSettings: { endpointRef: name, dataDestination: '' } },
    );
  }
  const key = OPERATION_SETTINGS_KEY[type];
  const operations = doc.spec.operations.map((op, i) =>
    i === index ? { ...op, [key]: { ...(isRecord(op[key]) ? op[key] : {}), endpointRef: name } } : op,
  );
  return { ...doc, spec: { ...doc.spec, operations } };
}

/**
 * Sets the destination's endpoint; a storage endpoint also gets what it cannot do without: a
 * transformation writing a format it takes (Parquet first), so the schema it needs is asked for there.
 */
export function withDestination(doc: Dataflow, endpoint: DataflowEndpoint): Dataflow {
  const next = withEndpoint(doc, 'Destination', endpoint.metadata.name);
  const formats = requiredOutputFormats(endpoint.spec.endpointType);
  if (formats === undefined) return next;
  const current = settingsOf(next, 'BuiltInTransformation')?.serializationFormat;
  if (formats.some((f) => f === current)) return next;
  const staged = withTransformation(next);
  const index = operationIndex(staged, 'BuiltInTransformation');
  const operations = staged.spec.operations.map((op, i) =>
    i === index
      ? {
          ...op,
          builtInTransformationSettings: {
            ...op.builtInTransformationSettings,
            serializationFormat: formats[0]!,
          },
        }
      : op,
  );
  return { ...staged, spec: { ...staged.spec, operations } };
}

export function withTransformation(doc: Dataflow): Dataflow {
  if (operationIndex(doc, 'BuiltInTransformation') !== -1) return doc;
  return withOperation(doc, {
    operationType: 'BuiltInTransformation',
    builtInTransformationSettings: { map: [{ inputs: ['*'], output: '*' }] },
  });
}

export function withoutTransformation(doc: Dataflow): Dataflow {
  const operations = doc.spec.operations.filter((op) => op.operationType !== 'BuiltInTransformation');
  return { ...doc, spec: { ...doc.spec, operations } };
}

/** A stage on the clipboard: its type and settings, so it can be pasted into another dataflow. */
export interface CopiedStage {
  flowplaneStage: StageType;
  settings: Record<string, unknown>;
}

export function copiedStageOf(text: string): CopiedStage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value) || !isRecord(value.settings)) return undefined;
    const stage = value.flowplaneStage;
    return STAGES.some((s) => s === stage)
      ? { flowplaneStage: stage as StageType, settings: value.settings }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the settings of a stage with pasted ones, adding the stage when the dataflow has none. */
export function withStageSettings(doc: Dataflow, copied: CopiedStage): Dataflow {
  const key = OPERATION_SETTINGS_KEY[copied.flowplaneStage];
  const index = operationIndex(doc, copied.flowplaneStage);
  if (index === -1) {
    return withOperation(doc, {
      operationType: copied.flowplaneStage,
      [key]: copied.settings,
    } as DataflowOperation);
  }
  const operations = doc.spec.operations.map((op, i) =>
    i === index ? { ...op, [key]: copied.settings } : op,
  );
  return { ...doc, spec: { ...doc.spec, operations } };
}

/** The lists of the transformation stage, in the order the platform runs them. */
export type RuleList = 'datasets' | 'filter' | 'map';

/**
 * The kinds of transformation rule the palette offers (the portal's "Add transform" kinds, and Enrich,
 * which the portal lacks), each a starting rule whose missing fields the problems panel then asks for.
 * An output is left out rather than empty where the rule needs one: an empty output removes the inputs.
 */
export const RULE_KINDS = [
  {
    kind: 'enrich',
    label: 'Enrich',
    list: 'datasets',
    hint: 'Join reference data from the state store (at most one dataset)',
    template: { inputs: ['$source.', '$context.'], expression: '$1 == $2' },
  },
  {
    kind: 'filter',
    label: 'Filter',
    list: 'filter',
    hint: 'Drop messages for which a condition is true',
    template: { inputs: [''] },
  },
  {
    kind: 'compute',
    label: 'Compute',
    list: 'map',
    hint: 'Write a field computed by a formula',
    template: { type: 'Compute', inputs: [''] },
  },
  {
    kind: 'rename',
    label: 'Rename',
    list: 'map',
    hint: 'Write a field under another name',
    template: { type: 'Rename', inputs: [''] },
  },
  {
    kind: 'new-property',
    label: 'New property',
    list: 'map',
    hint: 'Add a field with a constant value',
    template: { type: 'NewProperties', inputs: [] },
  },
  {
    kind: 'remove',
    label: 'Remove',
    list: 'map',
    hint: 'Leave fields out of the output',
    template: { inputs: [''], output: '' },
  },
  {
    kind: 'pass-through',
    label: 'Pass-through',
    list: 'map',
    hint: 'Copy every field of the input',
    template: { type: 'PassThrough', inputs: ['*'], output: '*' },
  },
] as const satisfies readonly {
  kind: string;
  label: string;
  list: RuleList;
  hint: string;
  template: Record<string, unknown>;
}[];
export type RuleKind = (typeof RULE_KINDS)[number]['kind'];

/** Why a rule of this kind cannot be added now, or undefined when it can. */
export function ruleRefusal(doc: Dataflow, kind: RuleKind): string | undefined {
  const datasets = settingsOf(doc, 'BuiltInTransformation')?.datasets;
  if (kind === 'enrich' && Array.isArray(datasets) && datasets.length >= 1)
    return 'A transformation takes at most one dataset.';
  return undefined;
}

/**
 * Appends a rule of a kind to its list, adding the transformation stage first when there is none. Returns
 * the document and the path of the new rule (for the inspector to focus).
 */
export function withRule(doc: Dataflow, kind: RuleKind): { doc: Dataflow; path: string[] } {
  const rule = RULE_KINDS.find((r) => r.kind === kind)!;
  const withStage = withTransformation(doc);
  const index = operationIndex(withStage, 'BuiltInTransformation');
  const settings = settingsOf(withStage, 'BuiltInTransformation') ?? {};
  const current: unknown = settings[rule.list];
  const list = Array.isArray(current) ? current : [];
  const key = OPERATION_SETTINGS_KEY.BuiltInTransformation;
  const operations = withStage.spec.operations.map((op, i) =>
    i === index
      ? { ...op, [key]: { ...settings, [rule.list]: [...list, structuredClone(rule.template)] } }
      : op,
  );
  return {
    doc: { ...withStage, spec: { ...withStage.spec, operations } },
    path: ['spec', 'operations', String(index), key, rule.list, String(list.length)],
  };
}
