import {
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Title2,
  makeStyles,
} from '@fluentui/react-components';
import { EditRegular } from '@fluentui/react-icons';
import { isRecord, stagesOf } from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { dataflowKeys, dataflowQueries } from '../api/dataflows.ts';
import { isApiProblem } from '../api/problem.ts';
import { NotFound } from '../pages/NotFound.tsx';
import { Card, useDetailStyles } from '../resources/detail.tsx';
import { RevisionHistory } from '../resources/RevisionHistory.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';

const ManifestPanel = lazy(() => import('../resources/ManifestPanel.tsx'));

const useStyles = makeStyles({
  edit: { marginLeft: 'auto' },
});

function endpointOf(settings: Record<string, unknown>): string | undefined {
  return typeof settings.endpointRef === 'string' ? settings.endpointRef : undefined;
}

/**
 * A dataflow as stored: its ends, profile, validation state, manifest and history. Designing one is the
 * visual builder's job (issue 7); this page is where the endpoint and profile pages link to.
 */
export function DataflowDetailPage() {
  const styles = { ...useDetailStyles(), ...useStyles() };
  const navigate = useNavigate();
  const { instance = 'default', name = '' } = useParams();
  const query = useQuery(dataflowQueries.detail(instance, name));
  if (query.isPending) return <Spinner label="Loading the dataflow…" />;
  if (query.isError) {
    if (isApiProblem(query.error) && query.error.status === 404) return <NotFound />;
    return <ProblemMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const flow = query.data;
  const stages = stagesOf(flow.spec);
  const status = isRecord(flow.status) ? flow.status : {};
  const issues = Array.isArray(status.issues) ? status.issues.filter(isRecord) : [];
  const ends = (list: typeof stages.sources) =>
    list.map((stage) => {
      const endpoint = endpointOf(stage.settings);
      return endpoint === undefined ? (
        <Body1 key={stage.path}>—</Body1>
      ) : (
        <Link key={stage.path} to={instancePath(instance, 'endpoints', endpoint)}>
          {endpoint}
        </Link>
      );
    });

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div className={styles.header}>
        <Title2 as="h1" id="page-title">
          {name}
        </Title2>
        {status.draft === true ? <Badge appearance="outline">Draft</Badge> : null}
        {status.valid === false ? <Badge color="danger">Invalid</Badge> : null}
        <Button
          className={styles.edit}
          appearance="primary"
          icon={<EditRegular />}
          onClick={() => void navigate(`${instancePath(instance, 'dataflows', name)}/edit`)}
          data-testid="edit-dataflow"
        >
          Open in builder
        </Button>
      </div>
      <Caption1 className={styles.secondary}>
        Profile{' '}
        {flow.spec.profileRef ? (
          <Link to={instancePath(instance, 'profiles', flow.spec.profileRef)}>{flow.spec.profileRef}</Link>
        ) : (
          'default'
        )}{' '}
        · {flow.spec.mode === 'Disabled' ? 'disabled' : 'enabled'}
      </Caption1>
      <div className={styles.columns}>
        <div className={styles.stack}>
          <Card title="Source and destination">
            <Body1>From {ends(stages.sources)}</Body1>
            <Body1>
              {stages.transformations.length > 0 ? 'Transformed, then sent to ' : 'Sent to '}
              {ends(stages.destinations)}
            </Body1>
          </Card>
          {issues.length > 0 ? (
            <MessageBar intent="error">
              <MessageBarBody>
                {issues.map((i) => `${String(i.path)}: ${String(i.message)}`).join(' · ')}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <Card title="History">
            <RevisionHistory
              instance={instance}
              kind="dataflows"
              current={flow}
              invalidate={[dataflowKeys.all(instance)]}
            />
          </Card>
        </div>
        <Suspense fallback={<Body1>Loading the manifest view…</Body1>}>
          <ManifestPanel resource={flow} />
        </Suspense>
      </div>
    </section>
  );
}

export default DataflowDetailPage;
