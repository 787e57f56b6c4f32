import {
  API_VERSION,
  OPERATION_SETTINGS_KEY,
  isRecord,
  type Dataflow,
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
