import {
  Body1,
  Button,
  Caption1,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { toKubernetesYaml } from '@flowplane/manifests';
import type { Resource } from '@flowplane/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { revisionKeys, revisionQueries, restoreRevision, type HistorySegment } from '../api/revisions.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { useNotify } from '../shell/notify.tsx';
import { DiffView } from './DiffView.tsx';

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: '12px' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  compare: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  secondary: { color: tokens.colorNeutralForeground3 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const OPERATIONS: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  restore: 'Restored',
  import: 'Imported',
};

/**
 * Every write of a resource, newest first. Picking one shows it beside the current version and offers to
 * restore it (guarded by If-Match, so a restore never overwrites a change made in the meantime).
 */
export function RevisionHistory({
  instance,
  kind,
  current,
  invalidate,
}: {
  instance: string;
  kind: HistorySegment;
  current: Resource;
  /** Query keys to refresh after a restore (the resource, its lists). */
  invalidate: readonly (readonly unknown[])[];
}) {
  const styles = useStyles();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const name = current.metadata.name;
  const list = useQuery(revisionQueries.list(instance, kind, name));
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const revision = useQuery({
    ...revisionQueries.one(instance, kind, name, selected ?? 0),
    enabled: selected !== undefined,
  });
  const restore = useMutation({
    mutationFn: (n: number) => restoreRevision(instance, kind, name, n, current.metadata.resourceVersion),
    onSuccess: async (_resource, n) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: revisionKeys.all(instance, kind, name) }),
        ...invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]);
      setSelected(undefined);
      notify('success', `Revision ${n} restored`, `${name} is now as it was in revision ${n}.`);
    },
    onError: (error) => notify('error', 'Restore failed', error.message),
  });

  if (list.isPending) return <Spinner size="small" label="Loading history…" />;
  if (list.isError) return <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />;
  const newest = list.data.items[0]?.revision;

  return (
    <div className={styles.layout} data-testid="revision-history">
      <Table aria-label="Revisions" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Revision</TableHeaderCell>
            <TableHeaderCell>Change</TableHeaderCell>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>By</TableHeaderCell>
            <TableHeaderCell>
              <span className={styles.hidden}>Actions</span>
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.data.items.map((item) => (
            <TableRow
              key={item.revision}
              className={item.revision === selected ? styles.selected : undefined}
              data-testid={`revision-${item.revision}`}
            >
              <TableCell>{item.revision}</TableCell>
              <TableCell>
                {OPERATIONS[item.operation] ?? item.operation}
                {item.revision === newest ? ' (current)' : ''}
              </TableCell>
              <TableCell>{timeFormat.format(new Date(item.timestamp))}</TableCell>
              <TableCell>{item.actor ?? '—'}</TableCell>
              <TableCell>
                {item.revision === newest || item.operation === 'delete' ? null : (
                  <Button
                    size="small"
                    onClick={() => setSelected(item.revision)}
                    data-testid={`compare-${item.revision}`}
                  >
                    Compare
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {selected !== undefined ? (
        revision.isPending ? (
          <Spinner size="small" label={`Loading revision ${selected}…`} />
        ) : revision.isError ? (
          <ProblemMessage error={revision.error} />
        ) : (
          <>
            <div className={styles.compare}>
              <Body1>Revision {selected} (left) beside the current version (right).</Body1>
              <Button
                appearance="primary"
                disabled={restore.isPending}
                onClick={() => restore.mutate(selected)}
                data-testid="restore-revision"
              >
                Restore revision {selected}
              </Button>
              <Button appearance="subtle" onClick={() => setSelected(undefined)}>
                Close
              </Button>
            </div>
            <DiffView
              before={toKubernetesYaml([revision.data.resource])}
              after={toKubernetesYaml([current])}
              beforeLabel={`Revision ${selected}`}
              afterLabel="Current"
            />
          </>
        )
      ) : (
        <Caption1 className={styles.secondary}>
          Compare an earlier revision to see what changed and restore it.
        </Caption1>
      )}
    </div>
  );
}
