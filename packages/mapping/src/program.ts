import type { LastValues } from './context.ts';
import type { DatasetStep } from './datasets.ts';
import type { FilterRule } from './filter.ts';
import type { MapStage } from './map.ts';
import type { SerializationFormat } from './types.ts';

/** A validated, compiled transformation: what both executors (closures and generated code) run. */
export interface Program {
  readonly datasets: readonly DatasetStep[];
  readonly filter: readonly FilterRule[];
  /** Undefined when the map is absent or empty: the payload passes through untouched. */
  readonly map: MapStage | undefined;
  readonly serializationFormat: SerializationFormat;
  readonly schemaRef: string | undefined;
  readonly lastValues: LastValues;
}
