import { stagesOf } from '@flowplane/model';
import type { TransformationSettings } from '@flowplane/mapping';
import type { LoadedDocument } from './input.ts';

/** The transformation of one dataflow, with where it came from so issues can point into the file. */
export interface TransformationSource {
  dataflow: string;
  settings: TransformationSettings | undefined;
  /** JSON pointer of the transformation settings inside the dataflow (for compile issues). */
  settingsPath: string;
  dataDestination?: string;
}

export type Picked = { ok: true; source: TransformationSource } | { ok: false; message: string };

/** The Dataflow named `name` among the documents, or the only one when no name is given. */
export function pickTransformation(documents: readonly LoadedDocument[], name: string | undefined): Picked {
  const dataflows = documents
    .map((d) => d.resource)
    .filter((r): r is { kind: 'Dataflow'; metadata: { name: string }; spec: unknown } => isDataflowLike(r));
  const chosen = name === undefined ? dataflows : dataflows.filter((d) => d.metadata.name === name);
  if (chosen.length === 0) {
    return {
      ok: false,
      message:
        name === undefined ? 'The input holds no Dataflow.' : `No Dataflow named "${name}" in the input.`,
    };
  }
  if (chosen.length > 1) {
    return {
      ok: false,
      message: `The input holds ${chosen.length} dataflows; choose one with --dataflow NAME.`,
    };
  }
  const dataflow = chosen[0]!;
  const stages = stagesOf(dataflow.spec);
  const transformation = stages.transformations[0];
  const destination = stages.destinations[0]?.settings.dataDestination;
  return {
    ok: true,
    source: {
      dataflow: dataflow.metadata.name,
      // The compiler checks every field itself; the model's schema types are a superset of its input.
      settings: transformation?.settings as TransformationSettings | undefined,
      settingsPath: transformation?.path ?? '/spec/operations',
      ...(typeof destination === 'string' ? { dataDestination: destination } : {}),
    },
  };
}

function isDataflowLike(
  value: unknown,
): value is { kind: 'Dataflow'; metadata: { name: string }; spec: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, metadata } = value as { kind?: unknown; metadata?: unknown };
  return (
    kind === 'Dataflow' &&
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as { name?: unknown }).name === 'string'
  );
}
