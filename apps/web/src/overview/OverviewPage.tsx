import { Body1, Caption1, Subtitle2, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useQueries } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { overviewQueries } from '../api/overview.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { CountCards } from './CountCards.tsx';
import { EndpointTypes } from './EndpointTypes.tsx';
import { Problems } from './Problems.tsx';
import { RecentChanges } from './RecentChanges.tsx';
import { KIND_ORDER, type ResourcesByKind } from './resources.ts';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '20px' },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: '16px',
    alignItems: 'start',
  },
  // Fluent's text components are inline; the subtitle goes under the heading.
  subtitle: { display: 'block', margin: '4px 0 0', color: tokens.colorNeutralForeground3 },
  getStarted: {
    padding: '16px 20px',
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
});

export function OverviewPage() {
  const styles = useStyles();
  const instance = useParams().instance ?? 'default';
  const lists = useQueries({
    queries: KIND_ORDER.map((kind) => overviewQueries.resources(instance, kind)),
  });
  const failed = lists.find((list) => list.isError);
  const [endpoints, profiles, dataflows, graphs] = lists.map((list) => list.data);
  const all: ResourcesByKind | undefined =
    endpoints && profiles && dataflows && graphs
      ? { DataflowEndpoint: endpoints, DataflowProfile: profiles, Dataflow: dataflows, DataflowGraph: graphs }
      : undefined;
  const noFlows = dataflows?.length === 0 && graphs?.length === 0;

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div>
        <Title2 as="h1" id="page-title">
          Overview
        </Title2>
        <Caption1 as="p" className={styles.subtitle}>
          Instance {instance}: what it holds, what is wrong with it and what changed lately.
        </Caption1>
      </div>
      {failed ? (
        <ProblemMessage
          error={failed.error}
          onRetry={() => lists.filter((list) => list.isError).forEach((list) => void list.refetch())}
        />
      ) : null}
      <CountCards instance={instance} lists={lists} />
      {noFlows ? (
        <div className={styles.getStarted} role="status">
          <Subtitle2 as="h2">No dataflows yet</Subtitle2>
          <Body1>
            A dataflow moves messages from a source endpoint, through optional transformations, to a
            destination endpoint. <Link to={instancePath(instance, 'dataflows', 'new')}>Design one</Link> in
            the builder, or import existing manifests (Kubernetes YAML or an ARM template) on the{' '}
            <Link to={instancePath(instance, 'import-export')}>Import / Export</Link> page.
          </Body1>
        </div>
      ) : null}
      <Problems instance={instance} resources={all} listsFailed={failed !== undefined} />
      <div className={styles.columns}>
        <EndpointTypes instance={instance} endpoints={endpoints} failed={lists[0]?.isError === true} />
        <RecentChanges instance={instance} />
      </div>
    </section>
  );
}

export default OverviewPage;
