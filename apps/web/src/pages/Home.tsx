import { Body1, Button, Spinner, Title2, makeStyles } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { Navigate } from 'react-router';
import { instanceQueries } from '../api/instances.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { instancePath } from '../shell/sections.ts';

const CreateInstanceDialog = lazy(() => import('../shell/CreateInstanceDialog.tsx'));

const useStyles = makeStyles({ root: { maxWidth: '640px', margin: '48px auto', padding: '0 16px' } });

/** `/` opens the default instance (or the first one); with none, it says how to get one. */
export function Home() {
  const styles = useStyles();
  const instances = useQuery(instanceQueries.list({ limit: 1000 }));
  const [creating, setCreating] = useState(false);
  if (instances.isPending) return <Spinner className={styles.root} label="Loading instances…" />;
  if (instances.isError) {
    return (
      <div className={styles.root}>
        <ProblemMessage error={instances.error} onRetry={() => void instances.refetch()} />
      </div>
    );
  }
  const items = instances.data.items;
  const target = items.find((i) => i.name === 'default') ?? items[0];
  if (target) return <Navigate replace to={instancePath(target.name)} />;
  return (
    <div className={styles.root}>
      <Title2 as="h1">Welcome to Flowplane</Title2>
      <Body1 as="p">
        There is no instance yet. An instance starts with the local broker endpoint and the default profile.
      </Body1>
      <Button appearance="primary" onClick={() => setCreating(true)} data-testid="create-instance">
        Create instance
      </Button>
      {creating ? (
        <Suspense fallback={null}>
          <CreateInstanceDialog onClose={() => setCreating(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
