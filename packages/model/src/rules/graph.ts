import { GRAPH_NODE_SETTINGS_KEY, GRAPH_NODE_TYPES, type GraphNodeType } from '../schema/graph.ts';
import { issue, pointer, type Issue } from '../issues.ts';
import { arr, obj, str } from './access.ts';

export interface GraphNodeRef {
  index: number;
  name: string;
  /** Undefined when the node's nodeType is not valid (a schema error); it still takes part in connections. */
  type: GraphNodeType | undefined;
  settings: Record<string, unknown> | undefined;
  /** JSON pointer of the settings block. */
  path: string;
}

const isNodeType = (v: string | undefined): v is GraphNodeType =>
  v !== undefined && (GRAPH_NODE_TYPES as readonly string[]).includes(v);

export function graphNodesOf(spec: unknown): GraphNodeRef[] {
  const nodes: GraphNodeRef[] = [];
  arr(obj(spec)?.nodes).forEach((entry, index) => {
    const node = obj(entry);
    const name = str(node?.name);
    const type = str(node?.nodeType);
    if (!node || name === undefined) return;
    const key = isNodeType(type) ? GRAPH_NODE_SETTINGS_KEY[type] : undefined;
    nodes.push({
      index,
      name,
      type: isNodeType(type) ? type : undefined,
      settings: key ? obj(node[key]) : undefined,
      path: key ? pointer('spec', 'nodes', index, key) : pointer('spec', 'nodes', index),
    });
  });
  return nodes;
}

/**
 * The node a connection end names. `from` may carry an output port after the node name
 * (`branch.output.true`, `module.alert-output`), so the longest node name it starts with wins.
 */
export function resolveGraphNode(
  nodes: readonly GraphNodeRef[],
  name: string,
  allowPort: boolean,
): GraphNodeRef | undefined {
  const exact = nodes.find((n) => n.name === name);
  if (exact || !allowPort) return exact;
  return nodes.filter((n) => name.startsWith(`${n.name}.`)).sort((a, b) => b.name.length - a.name.length)[0];
}

/** Layer 2 for graphs: nodes, their settings, and connections that form a directed acyclic graph. */
export function graphRules(doc: Record<string, unknown>): Issue[] {
  const spec = obj(doc.spec);
  if (!spec) return [];
  const issues: Issue[] = [];
  const nodes = graphNodesOf(spec);

  const seen = new Set<string>();
  arr(spec.nodes).forEach((entry, index) => {
    const node = obj(entry);
    const name = str(node?.name);
    const type = str(node?.nodeType);
    if (!node) return;
    if (name !== undefined) {
      if (seen.has(name))
        issues.push(
          issue(
            'graph.node.duplicate',
            pointer('spec', 'nodes', index, 'name'),
            `Another node is also named "${name}".`,
          ),
        );
      seen.add(name);
    }
    if (!isNodeType(type)) return;
    const own = GRAPH_NODE_SETTINGS_KEY[type];
    if (!obj(node[own])) {
      issues.push(
        issue(
          'graph.node.settings.missing',
          pointer('spec', 'nodes', index, own),
          `A ${type} node needs "${own}".`,
        ),
      );
    }
    for (const other of GRAPH_NODE_TYPES) {
      const key = GRAPH_NODE_SETTINGS_KEY[other];
      if (other !== type && node[key] !== undefined) {
        issues.push(
          issue(
            'graph.node.settings.unexpected',
            pointer('spec', 'nodes', index, key),
            `A ${type} node does not take "${key}".`,
          ),
        );
      }
    }
  });

  if (Array.isArray(spec.nodes)) {
    if (!nodes.some((n) => n.type === 'Source'))
      issues.push(
        issue('graph.nodes.source.count', '/spec/nodes', 'A graph needs at least one Source node.'),
      );
    if (!nodes.some((n) => n.type === 'Destination')) {
      issues.push(
        issue('graph.nodes.destination.count', '/spec/nodes', 'A graph needs at least one Destination node.'),
      );
    }
  }

  const edges = new Map<string, Set<string>>();
  const incoming = new Set<string>();
  const outgoing = new Set<string>();
  // Without a node list every connection would be "not found"; the schema error says enough.
  const connections = Array.isArray(spec.nodes) ? arr(spec.nodeConnections) : [];
  connections.forEach((entry, index) => {
    const connection = obj(entry);
    const fromName = str(obj(connection?.from)?.name);
    const toName = str(obj(connection?.to)?.name);
    if (fromName === undefined || toName === undefined) return;
    const from = resolveGraphNode(nodes, fromName, true);
    const to = resolveGraphNode(nodes, toName, false);
    const at = (end: 'from' | 'to') => pointer('spec', 'nodeConnections', index, end, 'name');
    if (!from)
      issues.push(
        issue(
          'graph.connection.node.notFound',
          at('from'),
          `No node named "${fromName}" (or a port of one).`,
        ),
      );
    if (!to) issues.push(issue('graph.connection.node.notFound', at('to'), `No node named "${toName}".`));
    if (!from || !to) return;
    if (from.type === 'Destination') {
      issues.push(
        issue(
          'graph.connection.direction',
          at('from'),
          `Destination "${from.name}" has no output to connect.`,
        ),
      );
    }
    if (to.type === 'Source')
      issues.push(issue('graph.connection.direction', at('to'), `Source "${to.name}" takes no input.`));
    outgoing.add(from.name);
    incoming.add(to.name);
    const targets = edges.get(from.name) ?? new Set<string>();
    if (reaches(edges, to.name, from.name)) {
      issues.push(
        issue(
          'graph.connection.cycle',
          pointer('spec', 'nodeConnections', index),
          `Connecting "${from.name}" to "${to.name}" closes a cycle.`,
        ),
      );
      return;
    }
    targets.add(to.name);
    edges.set(from.name, targets);
  });

  if (Array.isArray(spec.nodeConnections)) {
    for (const node of nodes) {
      if (!node.type) continue;
      const unconnected =
        (node.type !== 'Destination' && !outgoing.has(node.name)) ||
        (node.type !== 'Source' && !incoming.has(node.name));
      if (unconnected) {
        issues.push(
          issue(
            'graph.node.unconnected',
            pointer('spec', 'nodes', node.index, 'name'),
            node.type === 'Destination'
              ? `Nothing flows into "${node.name}".`
              : `"${node.name}" is not connected on both sides.`,
          ),
        );
      }
    }
  }
  return issues;
}

function reaches(edges: Map<string, Set<string>>, start: string, goal: string): boolean {
  const stack = [start];
  const visited = new Set<string>();
  while (stack.length) {
    const node = stack.pop()!;
    if (node === goal) return true;
    if (visited.has(node)) continue;
    visited.add(node);
    for (const next of edges.get(node) ?? []) stack.push(next);
  }
  return false;
}
