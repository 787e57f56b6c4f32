import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { dataflowQueries, type DataflowListParams } from '../api/dataflows.ts';
import { deleteResource, type ResourceSegment } from '../api/resources.ts';
import { isApiProblem } from '../api/problem.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { useNotify } from '../shell/notify.tsx';
import { instancePath } from '../shell/sections.ts';

/**
 * Confirms a delete. An endpoint or profile that dataflows use cannot be deleted: the dialog says which
 * ones instead of offering the button (and a 409 from a dataflow created meanwhile lists them the same way).
 */
export function DeleteDialog({
  instance,
  kind,
  noun,
  name,
  resourceVersion,
  usedBy: usedByFilter,
  invalidate,
  onClose,
  onDeleted,
}: {
  instance: string;
  kind: ResourceSegment;
  noun: string;
  name: string;
  resourceVersion?: string | undefined;
  /** The dataflow list filter that finds the users of this resource. */
  usedBy: Pick<DataflowListParams, 'endpoint' | 'profile'>;
  invalidate: readonly unknown[];
  onClose: () => void;
  onDeleted: () => void;
}) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const users = useQuery({
    ...dataflowQueries.list(instance, { ...usedByFilter, limit: 1000 }),
    staleTime: 0,
  });
  const remove = useMutation({
    mutationFn: () => deleteResource(instance, kind, name, resourceVersion),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: invalidate });
      notify('success', `${noun[0]!.toUpperCase()}${noun.slice(1)} ${name} deleted`);
      onDeleted();
    },
  });
  const conflictUsers = isApiProblem(remove.error) && remove.error.status === 409 ? remove.error.usedBy : [];
  const usedBy = [
    ...(users.data?.items.map((d) => ({ kind: 'Dataflow', name: d.metadata.name })) ?? []),
    ...conflictUsers.filter((u) => !users.data?.items.some((d) => d.metadata.name === u.name)),
  ];
  const inUse = usedBy.length > 0;

  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="delete-dialog">
        <DialogBody>
          <DialogTitle>{inUse ? `${name} is in use` : `Delete ${name}?`}</DialogTitle>
          <DialogContent>
            {users.isPending ? <Spinner size="small" label="Checking which dataflows use it…" /> : null}
            {users.isError ? (
              <ProblemMessage error={users.error} onRetry={() => void users.refetch()} />
            ) : null}
            {inUse ? (
              <>
                <Body1 as="p">It cannot be deleted while these use it. Change or delete them first:</Body1>
                <ul data-testid="delete-used-by">
                  {usedBy.map((user) => (
                    <li key={`${user.kind}/${user.name}`}>
                      {user.kind === 'Dataflow' ? (
                        <Link to={instancePath(instance, 'dataflows', user.name)}>{user.name}</Link>
                      ) : (
                        `${user.kind} ${user.name}`
                      )}
                    </li>
                  ))}
                </ul>
              </>
            ) : users.isSuccess ? (
              <Body1 as="p">
                No dataflow uses it. Deleting removes the definition; its revision history is kept.
              </Body1>
            ) : null}
            {remove.isError && !inUse ? <ProblemMessage error={remove.error} /> : null}
          </DialogContent>
          <DialogActions>
            {inUse ? null : (
              <Button
                appearance="primary"
                disabled={!users.isSuccess || remove.isPending}
                onClick={() => remove.mutate()}
                data-testid="delete-confirm"
              >
                {remove.isPending ? <Spinner size="tiny" /> : null}
                Delete
              </Button>
            )}
            <Button onClick={onClose}>{inUse ? 'Close' : 'Cancel'}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
