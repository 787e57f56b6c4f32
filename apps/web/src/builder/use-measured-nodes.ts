import type { Node, NodeChange, OnNodesChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';

type Size = { width: number; height: number };

/**
 * Derived nodes with the sizes React Flow measured. A controlled flow must hand the measured dimensions
 * back on its nodes (React Flow's rule for controlled flows): the minimap draws only nodes whose
 * dimensions it knows. Other changes are ignored: the canvas is derived from the document.
 */
export function useMeasuredNodes<N extends Node>(
  nodes: N[],
): { nodes: N[]; onNodesChange: OnNodesChange<N> } {
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const onNodesChange = useCallback((changes: NodeChange<N>[]) => {
    const measured = changes.flatMap((c) =>
      c.type === 'dimensions' && c.dimensions !== undefined ? [[c.id, c.dimensions] as const] : [],
    );
    if (measured.length === 0) return;
    setSizes((current) => {
      const next = new Map(current);
      for (const [id, size] of measured) next.set(id, size);
      return next;
    });
  }, []);
  const withSizes = useMemo(
    () =>
      nodes.map((node) => {
        const size = sizes.get(node.id);
        return size ? { ...node, measured: size } : node;
      }),
    [nodes, sizes],
  );
  return { nodes: withSizes, onNodesChange };
}
