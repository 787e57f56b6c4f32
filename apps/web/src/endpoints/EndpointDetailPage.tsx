import { Body1, Button, Caption1, Spinner, Title2, makeStyles } from '@fluentui/react-components';
import { DeleteRegular, EditRegular } from '@fluentui/react-icons';
import {
  DataflowEndpointSpec,
  ENDPOINT_SETTINGS_KEY,
  detectFlavour,
  flavourById,
  isRecord,
  type DataflowEndpoint,
} from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { dataflowQueries } from '../api/dataflows.ts';
import { endpointKeys, endpointQueries } from '../api/endpoints.ts';
import { isApiProblem } from '../api/problem.ts';
import { fieldsOf, labelOf, type JsonSchema } from '../forms/schema.ts';
import { NotFound } from '../pages/NotFound.tsx';
import { Card, useDetailStyles } from '../resources/detail.tsx';
import { RevisionHistory } from '../resources/RevisionHistory.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { DeleteDialog } from '../resources/DeleteDialog.tsx';
import { TYPE_ICONS } from './icons.tsx';
import { ENDPOINT_TYPE_LABELS, authLabel } from './summary.ts';

const ManifestPanel = lazy(() => import('../resources/ManifestPanel.tsx'));

const useStyles = makeStyles({
  icon: { fontSize: '28px', display: 'flex' },
  headerText: { display: 'flex', flexDirection: 'column', marginRight: 'auto' },
});

interface Setting {
  label: string;
  value: string;
}

/** The settings as label/value pairs, labels from the model schema (what the form shows). */
export function settingsSummary(schema: JsonSchema, value: unknown, prefix = ''): Setting[] {
  if (!isRecord(value)) return [];
  const known = new Map(fieldsOf(schema).map((f) => [f.key, f]));
  return Object.entries(value).flatMap(([key, item]): Setting[] => {
    const field = known.get(key);
    const label = `${prefix}${field?.label ?? labelOf(key)}`;
    if (key === 'method' && typeof item === 'string')
      return [{ label: `${prefix}Method`, value: authLabel(item) }];
    if (isRecord(item)) {
      const nested = settingsSummary(field?.schema ?? {}, item, `${label} › `);
      return nested.length > 0 ? nested : [];
    }
    return [{ label, value: typeof item === 'string' ? item : JSON.stringify(item) }];
  });
}

function UsedBy({ instance, endpoint }: { instance: string; endpoint: DataflowEndpoint }) {
  const styles = { ...useDetailStyles(), ...useStyles() };
  const name = endpoint.metadata.name;
  const flows = useQuery(dataflowQueries.list(instance, { endpoint: name, limit: 1000 }));
  const graphs =
    isRecord(endpoint.status?.usage) && typeof endpoint.status.usage.graphs === 'number'
      ? endpoint.status.usage.graphs
      : 0;
  if (flows.isPending) return <Spinner size="small" label="Loading dataflows…" />;
  if (flows.isError) return <ProblemMessage error={flows.error} onRetry={() => void flows.refetch()} />;
  return (
    <>
      {flows.data.items.length === 0 ? (
        <Body1>No dataflow uses this endpoint yet.</Body1>
      ) : (
        <ul className={styles.list}>
          {flows.data.items.map((flow) => (
            <li key={flow.metadata.name}>
              <Link to={instancePath(instance, 'dataflows', flow.metadata.name)}>{flow.metadata.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {graphs > 0 ? (
        <Caption1>
          Also used by {graphs} dataflow graph{graphs === 1 ? '' : 's'}.
        </Caption1>
      ) : null}
    </>
  );
}

export function EndpointDetailPage() {
  const styles = { ...useDetailStyles(), ...useStyles() };
  const navigate = useNavigate();
  const { instance = 'default', name = '' } = useParams();
  const query = useQuery(endpointQueries.detail(instance, name));
  const [deleting, setDeleting] = useState(false);

  if (query.isPending) return <Spinner label="Loading the endpoint…" />;
  if (query.isError) {
    if (isApiProblem(query.error) && query.error.status === 404) return <NotFound />;
    return <ProblemMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const endpoint = query.data;
  const type = endpoint.spec.endpointType;
  const flavour = flavourById(detectFlavour(endpoint.spec));
  const settingsKey = ENDPOINT_SETTINGS_KEY[type];
  const specProperties = (DataflowEndpointSpec as unknown as { properties: Record<string, JsonSchema> })
    .properties;
  const settings = settingsSummary(specProperties[settingsKey] ?? {}, endpoint.spec[settingsKey]);

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div className={styles.header}>
        <span className={styles.icon}>{TYPE_ICONS[type]}</span>
        <div className={styles.headerText}>
          <Title2 as="h1" id="page-title">
            {endpoint.metadata.name}
          </Title2>
          <Caption1 className={styles.secondary}>
            {ENDPOINT_TYPE_LABELS[type]} · {flavour.label}
          </Caption1>
        </div>
        <Button
          appearance="primary"
          icon={<EditRegular />}
          onClick={() => void navigate(`${instancePath(instance, 'endpoints', name)}/edit`)}
          data-testid="edit-endpoint"
        >
          Edit
        </Button>
        <Button icon={<DeleteRegular />} onClick={() => setDeleting(true)} data-testid="delete-endpoint">
          Delete
        </Button>
      </div>
      <div className={styles.columns}>
        <div className={styles.stack}>
          <Card title="Settings" testId="endpoint-settings">
            <dl className={styles.settings}>
              {settings.map((s) => (
                <div key={s.label} style={{ display: 'contents' }}>
                  <dt className={styles.term}>{s.label}</dt>
                  <dd className={styles.value}>{s.value}</dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card title="Used by" testId="endpoint-used-by">
            <UsedBy instance={instance} endpoint={endpoint} />
          </Card>
          <Card title="History" testId="endpoint-history">
            <RevisionHistory
              instance={instance}
              kind="endpoints"
              current={endpoint}
              invalidate={[endpointKeys.all(instance)]}
            />
          </Card>
        </div>
        <Suspense fallback={<Body1>Loading the manifest view…</Body1>}>
          <ManifestPanel resource={endpoint} />
        </Suspense>
      </div>
      {deleting ? (
        <DeleteDialog
          instance={instance}
          kind="endpoints"
          noun="endpoint"
          usedBy={{ endpoint: name }}
          invalidate={endpointKeys.all(instance)}
          name={name}
          resourceVersion={endpoint.metadata.resourceVersion}
          onClose={() => setDeleting(false)}
          onDeleted={() => void navigate(instancePath(instance, 'endpoints'))}
        />
      ) : null}
    </section>
  );
}

export default EndpointDetailPage;
