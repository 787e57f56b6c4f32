import type { Edge, Node } from '@xyflow/react';
import { stagesOf, type Dataflow, type DataflowEndpoint, type EndpointType } from '@flowplane/model';

export interface EndpointNodeData extends Record<string, unknown> {
  name: string;
  type: EndpointType | undefined;
  flows: number;
}

const COLUMN_X = [0, 420, 840];
const ROW_Y = 90;
/** A node's size before React Flow measures it (the minimap and culling need one; nodes are ~160×52). */
const INITIAL_SIZE = { initialWidth: 180, initialHeight: 52 };

function refOf(settings: Record<string, unknown> | undefined): string | undefined {
  return typeof settings?.endpointRef === 'string' && settings.endpointRef !== ''
    ? settings.endpointRef
    : undefined;
}

/**
 * Every dataflow of an instance as one graph: endpoints are shared nodes, each dataflow an edge from its
 * source endpoint to its destination endpoint. Endpoints that only send sit left, those that only receive
 * right, those that do both (the local broker, typically) in the middle.
 */
export function topologyOf(
  dataflows: readonly Dataflow[],
  endpoints: readonly DataflowEndpoint[],
): { nodes: Node<EndpointNodeData, 'endpoint'>[]; edges: Edge[] } {
  const types = new Map(endpoints.map((e) => [e.metadata.name, e.spec.endpointType]));
  const asSource = new Set<string>();
  const asDestination = new Set<string>();
  const flows = new Map<string, number>();
  const edges: Edge[] = [];
  for (const flow of dataflows) {
    const stages = stagesOf(flow.spec);
    const source = refOf(stages.sources[0]?.settings);
    const destination = refOf(stages.destinations[0]?.settings);
    if (source === undefined || destination === undefined) continue;
    asSource.add(source);
    asDestination.add(destination);
    for (const name of [source, destination]) flows.set(name, (flows.get(name) ?? 0) + 1);
    edges.push({
      id: `flow:${flow.metadata.name}`,
      source: `endpoint:${source}`,
      target: `endpoint:${destination}`,
      label: flow.metadata.name,
      data: { dataflow: flow.metadata.name },
      animated: false,
    });
  }
  const rows = [0, 0, 0];
  const names = [...flows.keys()].sort();
  const nodes = names.map((name) => {
    const column = asSource.has(name) && asDestination.has(name) ? 1 : asSource.has(name) ? 0 : 2;
    const y = rows[column]! * ROW_Y;
    rows[column]! += 1;
    return {
      id: `endpoint:${name}`,
      type: 'endpoint' as const,
      position: { x: COLUMN_X[column]!, y },
      data: { name, type: types.get(name), flows: flows.get(name) ?? 0 },
      draggable: false,
      connectable: false,
      ...INITIAL_SIZE,
    };
  });
  return { nodes, edges };
}
