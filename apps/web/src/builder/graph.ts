import type { Edge, Node } from '@xyflow/react';
import { isRecord, type DataflowEndpoint, type EndpointType, type Issue } from '@flowplane/model';
import type { Dataflow } from '@flowplane/model';
import { endpointRefOf, operationIndex, settingsOf, type StageType } from './operations.ts';
import { stageOfIssue } from './validation.ts';

export interface StageData extends Record<string, unknown> {
  stage: StageType;
  present: boolean;
  endpoint: { name: string; type: EndpointType | undefined } | undefined;
  /** Short lines: topics, rule counts, the destination's topic or table. */
  lines: string[];
  errors: number;
  warnings: number;
  selected: boolean;
  /** The runtime's counters for this stage, when the dataflow is deployed. */
  live: string | undefined;
}

/** What the runtime reports about the dataflow (the subset the canvas shows). */
export interface LiveCounters {
  state: string;
  counters: { received: number; emitted: number; droppedByFilter: number; deadLettered: number };
  rates: { receivedPerSecond: number; emittedPerSecond: number };
}

const rate = (perSecond: number) => `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s`;

function liveLine(stage: StageType, live: LiveCounters | undefined): string | undefined {
  if (live === undefined) return undefined;
  switch (stage) {
    case 'Source':
      return `${live.counters.received} received · ${rate(live.rates.receivedPerSecond)}`;
    case 'BuiltInTransformation':
      return `${live.counters.droppedByFilter} dropped · ${live.counters.deadLettered} dead-lettered`;
    case 'Destination':
      return `${live.counters.emitted} sent · ${rate(live.rates.emittedPerSecond)}`;
  }
}

export type StageNode = Node<StageData, 'stage'>;

const X: Record<StageType, number> = { Source: 0, BuiltInTransformation: 300, Destination: 600 };

function count(value: unknown, noun: string): string | undefined {
  const n = Array.isArray(value) ? value.length : 0;
  return n === 0 ? undefined : `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function linesOf(doc: Dataflow, stage: StageType): string[] {
  const settings = settingsOf(doc, stage) ?? {};
  switch (stage) {
    case 'Source':
      return (Array.isArray(settings.dataSources) ? settings.dataSources : [])
        .filter((t): t is string => typeof t === 'string' && t !== '')
        .slice(0, 3);
    case 'BuiltInTransformation':
      return [
        count(settings.datasets, 'dataset'),
        count(settings.filter, 'filter rule'),
        count(settings.map, 'map rule'),
        typeof settings.serializationFormat === 'string' ? `as ${settings.serializationFormat}` : undefined,
      ].filter((l): l is string => l !== undefined);
    case 'Destination':
      return typeof settings.dataDestination === 'string' && settings.dataDestination !== ''
        ? [settings.dataDestination]
        : [];
  }
}

/**
 * The canvas as a pure function of the dataflow: its stages left to right (the order the platform runs
 * them), each with its endpoint, a summary and its issue counts. A missing transformation is not drawn.
 */
export function flowOf(
  doc: Dataflow,
  endpoints: ReadonlyMap<string, DataflowEndpoint>,
  issues: readonly Issue[],
  selected: StageType | undefined,
  live?: LiveCounters,
): { nodes: StageNode[]; edges: Edge[] } {
  const stages: StageType[] = ['Source', 'BuiltInTransformation', 'Destination'];
  const nodes = stages
    .filter((stage) => stage !== 'BuiltInTransformation' || operationIndex(doc, stage) !== -1)
    .map((stage): StageNode => {
      const ref = stage === 'BuiltInTransformation' ? undefined : endpointRefOf(doc, stage);
      const own = issues.filter((i) => stageOfIssue(doc, i.path) === stage);
      return {
        id: stage,
        type: 'stage',
        position: { x: X[stage], y: 0 },
        data: {
          stage,
          present: operationIndex(doc, stage) !== -1,
          endpoint:
            ref === undefined ? undefined : { name: ref, type: endpoints.get(ref)?.spec.endpointType },
          lines: linesOf(doc, stage),
          errors: own.filter((i) => i.severity === 'error').length,
          warnings: own.filter((i) => i.severity === 'warning').length,
          selected: stage === selected,
          live: liveLine(stage, live),
        },
        draggable: false,
        connectable: false,
      };
    });
  const edges: Edge[] = nodes.slice(1).map((node, index) => ({
    id: `${nodes[index]!.id}->${node.id}`,
    source: nodes[index]!.id,
    target: node.id,
    type: 'smoothstep',
    // A moving edge and its rate while the runtime runs the dataflow.
    animated: live?.state === 'running',
    ...(live
      ? { label: rate(index === 0 ? live.rates.receivedPerSecond : live.rates.emittedPerSecond) }
      : {}),
  }));
  return { nodes, edges };
}

export const isStageData = (value: unknown): value is StageData => isRecord(value) && 'stage' in value;
