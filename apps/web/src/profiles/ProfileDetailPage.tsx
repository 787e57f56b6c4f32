import { Body1, Button, Spinner, Title2, makeStyles } from '@fluentui/react-components';
import { DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { dataflowQueries } from '../api/dataflows.ts';
import { isApiProblem } from '../api/problem.ts';
import { profileKeys, profileQueries } from '../api/profiles.ts';
import { NotFound } from '../pages/NotFound.tsx';
import { DeleteDialog } from '../resources/DeleteDialog.tsx';
import { Card, useDetailStyles } from '../resources/detail.tsx';
import { RevisionHistory } from '../resources/RevisionHistory.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';
import { profileRow } from './summary.ts';

const ManifestPanel = lazy(() => import('../resources/ManifestPanel.tsx'));

const useStyles = makeStyles({
  title: { marginRight: 'auto' },
});

export function ProfileDetailPage() {
  const styles = { ...useDetailStyles(), ...useStyles() };
  const navigate = useNavigate();
  const { instance = 'default', name = '' } = useParams();
  const query = useQuery(profileQueries.detail(instance, name));
  const flows = useQuery(dataflowQueries.list(instance, { profile: name, limit: 1000 }));
  const [deleting, setDeleting] = useState(false);

  if (query.isPending) return <Spinner label="Loading the profile…" />;
  if (query.isError) {
    if (isApiProblem(query.error) && query.error.status === 404) return <NotFound />;
    return <ProblemMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const profile = query.data;
  const row = profileRow(profile);

  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <div className={styles.header}>
        <Title2 as="h1" id="page-title" className={styles.title}>
          {name}
        </Title2>
        <Button
          appearance="primary"
          icon={<EditRegular />}
          onClick={() => void navigate(`${instancePath(instance, 'profiles', name)}/edit`)}
          data-testid="edit-profile"
        >
          Edit
        </Button>
        <Button icon={<DeleteRegular />} onClick={() => setDeleting(true)} data-testid="delete-profile">
          Delete
        </Button>
      </div>
      <div className={styles.columns}>
        <div className={styles.stack}>
          <Card title="Settings" testId="profile-settings">
            <dl className={styles.settings}>
              <dt className={styles.term}>Instance count</dt>
              <dd className={styles.value}>{row.instanceCount}</dd>
              <dt className={styles.term}>Log level</dt>
              <dd className={styles.value}>{row.logLevel}</dd>
              <dt className={styles.term}>Metrics port</dt>
              <dd className={styles.value}>{row.metricsPort}</dd>
            </dl>
          </Card>
          <Card title="Dataflows" testId="profile-dataflows">
            {flows.isPending ? (
              <Spinner size="small" label="Loading dataflows…" />
            ) : flows.isError ? (
              <ProblemMessage error={flows.error} onRetry={() => void flows.refetch()} />
            ) : flows.data.items.length === 0 ? (
              <Body1>No dataflow runs in this profile.</Body1>
            ) : (
              <ul className={styles.list}>
                {flows.data.items.map((flow) => (
                  <li key={flow.metadata.name}>
                    <Link to={instancePath(instance, 'dataflows', flow.metadata.name)}>
                      {flow.metadata.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="History" testId="profile-history">
            <RevisionHistory
              instance={instance}
              kind="profiles"
              current={profile}
              invalidate={[profileKeys.all(instance)]}
            />
          </Card>
        </div>
        <Suspense fallback={<Body1>Loading the manifest view…</Body1>}>
          <ManifestPanel resource={profile} />
        </Suspense>
      </div>
      {deleting ? (
        <DeleteDialog
          instance={instance}
          kind="profiles"
          noun="profile"
          name={name}
          resourceVersion={profile.metadata.resourceVersion}
          usedBy={{ profile: name }}
          invalidate={profileKeys.all(instance)}
          onClose={() => setDeleting(false)}
          onDeleted={() => void navigate(instancePath(instance, 'profiles'))}
        />
      ) : null}
    </section>
  );
}

export default ProfileDetailPage;
