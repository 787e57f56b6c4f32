import { Body1, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import {
  Background,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  type NodeProps,
  type NodeTypes,
  type Node,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useFlowTheme } from '../shell/flow-theme.ts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ALL_DATAFLOWS, dataflowQueries } from '../api/dataflows.ts';
import { ALL_ENDPOINTS, endpointQueries } from '../api/endpoints.ts';
import { TYPE_ICONS } from '../endpoints/icons.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { topologyOf, type EndpointNodeData } from './layout.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '10px' },
  canvas: {
    height: 'calc(100vh - 190px)',
    minHeight: '420px',
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    overflow: 'hidden',
  },
  node: {
    display: 'flex',
    alignItems: 'center',
    gap: '6px',
    padding: '8px 12px',
    minWidth: '160px',
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
  },
  count: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

function EndpointNode({ data }: NodeProps<Node<EndpointNodeData, 'endpoint'>>) {
  const styles = useStyles();
  return (
    <div className={styles.node} data-testid={`topology-endpoint-${data.name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {data.type ? TYPE_ICONS[data.type] : null}
      {data.name}
      <span className={styles.count}>{data.flows}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

// Module level: React Flow remounts every node when nodeTypes changes identity.
const nodeTypes: NodeTypes = { endpoint: EndpointNode };

/** All dataflows of the instance as one graph; a click on a dataflow opens it. */
export function TopologyPage() {
  const styles = useStyles();
  const flowTheme = useFlowTheme();
  const navigate = useNavigate();
  const instance = useParams().instance ?? 'default';
  const flows = useQuery(dataflowQueries.list(instance, ALL_DATAFLOWS));
  const endpoints = useQuery(endpointQueries.list(instance, ALL_ENDPOINTS));
  const graph = useMemo(
    () => topologyOf(flows.data?.items ?? [], endpoints.data?.items ?? []),
    [flows.data, endpoints.data],
  );
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <Title2 as="h1" id="page-title">
        Topology
      </Title2>
      <Body1>
        Every dataflow of the instance as an arrow between its endpoints. Back to the{' '}
        <Link to={instancePath(instance, 'dataflows')}>list of dataflows</Link>.
      </Body1>
      {flows.isError ? <ProblemMessage error={flows.error} onRetry={() => void flows.refetch()} /> : null}
      {endpoints.isError ? (
        <ProblemMessage error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : null}
      {flows.isPending || endpoints.isPending ? (
        <Spinner label="Loading dataflows…" />
      ) : (
        <div className={styles.canvas} data-testid="topology-canvas">
          <ReactFlow
            className={flowTheme.flow}
            nodes={graph.nodes}
            edges={graph.edges}
            nodeTypes={nodeTypes}
            fitView
            onlyRenderVisibleElements
            nodesDraggable={false}
            nodesConnectable={false}
            onEdgeClick={(_event, edge) => {
              const name = typeof edge.data?.dataflow === 'string' ? edge.data.dataflow : undefined;
              if (name) void navigate(instancePath(instance, 'dataflows', name));
            }}
            proOptions={{ hideAttribution: true }}
            aria-label="Topology of the instance"
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable ariaLabel="Overview of the topology" />
          </ReactFlow>
        </div>
      )}
    </section>
  );
}

export default TopologyPage;
