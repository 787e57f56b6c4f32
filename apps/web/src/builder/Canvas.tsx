import { makeStyles, tokens } from '@fluentui/react-components';
import { Background, Controls, MiniMap, ReactFlow, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useFlowTheme } from '../shell/flow-theme.ts';
import type { Issue } from '@flowplane/model';
import { useContext, useMemo, type DragEvent } from 'react';
import { useNotify } from '../shell/notify.tsx';
import { dropVerdict } from './connections.ts';
import { flowOf, type LiveCounters } from './graph.ts';
import {
  endpointRefOf,
  withDestination,
  withEndpoint,
  withTransformation,
  type StageType,
} from './operations.ts';
import { StageNode } from './StageNode.tsx';
import { useBuilder } from './store.ts';
import { RULE_DRAG, isRuleKind, useAddRule } from './use-add-rule.ts';
import { useMeasuredNodes } from './use-measured-nodes.ts';
import { EndpointsContext } from './use-drop-verdict.ts';

/** Drag data types of the palette. */
export const ENDPOINT_DRAG = 'application/x-flowplane-endpoint';
export const TRANSFORMATION_DRAG = 'application/x-flowplane-transformation';

// Module level: React Flow remounts every node when nodeTypes changes identity.
const nodeTypes: NodeTypes = { stage: StageNode };

const useStyles = makeStyles({
  canvas: {
    height: '100%',
    minHeight: '320px',
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    overflow: 'hidden',
  },
});

function stageUnder(event: DragEvent): StageType | undefined {
  const id = (event.target as Element).closest('.react-flow__node')?.getAttribute('data-id');
  return id === 'Source' || id === 'BuiltInTransformation' || id === 'Destination' ? id : undefined;
}

/** The dataflow drawn from its definition; endpoints dropped on a stage set its endpoint, if the rules allow. */
export function Canvas({ issues, live }: { issues: readonly Issue[]; live?: LiveCounters | undefined }) {
  const styles = useStyles();
  const flowTheme = useFlowTheme();
  const notify = useNotify();
  const endpoints = useContext(EndpointsContext);
  const doc = useBuilder((s) => s.doc);
  const selected = useBuilder((s) => s.selected);
  const select = useBuilder((s) => s.select);
  const apply = useBuilder((s) => s.apply);
  const drag = useBuilder((s) => s.drag);
  const addRule = useAddRule();
  const flow = useMemo(
    () => flowOf(doc, endpoints, issues, selected, live),
    [doc, endpoints, issues, selected, live],
  );
  const { nodes, onNodesChange } = useMeasuredNodes(flow.nodes);
  const { edges } = flow;

  const onDragOver = (event: DragEvent) => {
    if (![ENDPOINT_DRAG, TRANSFORMATION_DRAG, RULE_DRAG].some((t) => event.dataTransfer.types.includes(t)))
      return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    drag(undefined);
    const rule = event.dataTransfer.getData(RULE_DRAG);
    if (isRuleKind(rule)) {
      addRule(rule);
      return;
    }
    if (event.dataTransfer.types.includes(TRANSFORMATION_DRAG)) {
      apply(withTransformation);
      select('BuiltInTransformation');
      return;
    }
    const name = event.dataTransfer.getData(ENDPOINT_DRAG);
    if (name === '') return;
    // On empty canvas: the first end still without an endpoint.
    const stage =
      stageUnder(event) ?? (endpointRefOf(doc, 'Source') === undefined ? 'Source' : 'Destination');
    const verdict = dropVerdict(doc, stage, endpoints.get(name), endpoints);
    if (!verdict.ok) {
      notify('warning', `${name} cannot go there`, verdict.reason);
      return;
    }
    if (stage === 'BuiltInTransformation') return;
    const endpoint = endpoints.get(name);
    apply((current) =>
      stage === 'Destination' && endpoint
        ? withDestination(current, endpoint)
        : withEndpoint(current, stage, name),
    );
    select(stage);
  };

  return (
    <div className={styles.canvas} onDragOver={onDragOver} onDrop={onDrop} data-testid="builder-canvas">
      <ReactFlow
        className={flowTheme.flow}
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.25 }}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_event, node) => select(node.id as StageType)}
        onPaneClick={() => select(undefined)}
        proOptions={{ hideAttribution: true }}
        aria-label="Dataflow canvas"
      >
        <Background />
        <Controls showInteractive={false} />
        <MiniMap
          position="top-right"
          style={{ width: 120, height: 64 }}
          pannable
          zoomable
          ariaLabel="Overview of the canvas"
        />
      </ReactFlow>
    </div>
  );
}
