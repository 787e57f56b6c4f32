import { makeStyles, tokens } from '@fluentui/react-components';
import { Background, Controls, MiniMap, ReactFlow, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Issue } from '@flowplane/model';
import { useContext, useMemo, type DragEvent } from 'react';
import { useFlowTheme } from '../shell/flow-theme.ts';
import { flowOf, type LiveCounters } from './graph.ts';
import type { StageType } from './operations.ts';
import { StageNode } from './StageNode.tsx';
import { useBuilder } from './store.ts';
import {
  ENDPOINT_DRAG,
  RULE_DRAG,
  TRANSFORMATION_DRAG,
  isRuleKind,
  useAddRule,
  useAddTransformation,
  usePlaceEndpoint,
} from './palette-actions.ts';
import { useMeasuredNodes } from './use-measured-nodes.ts';
import { EndpointsContext } from './use-drop-verdict.ts';

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
  const endpoints = useContext(EndpointsContext);
  const doc = useBuilder((s) => s.doc);
  const selected = useBuilder((s) => s.selected);
  const select = useBuilder((s) => s.select);
  const drag = useBuilder((s) => s.drag);
  const addRule = useAddRule();
  const addTransformation = useAddTransformation();
  const placeEndpoint = usePlaceEndpoint();
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
    if (isRuleKind(rule)) addRule(rule);
    else if (event.dataTransfer.types.includes(TRANSFORMATION_DRAG)) addTransformation();
    else {
      const name = event.dataTransfer.getData(ENDPOINT_DRAG);
      if (name !== '') placeEndpoint(name, stageUnder(event));
    }
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
