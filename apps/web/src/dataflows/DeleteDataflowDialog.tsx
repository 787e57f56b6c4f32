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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataflowKeys, deleteDataflow } from '../api/dataflows.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { useNotify } from '../shell/notify.tsx';

/**
 * Confirms deleting a dataflow. Nothing references a dataflow, so unlike endpoints and profiles there is
 * no "in use" case; If-Match makes sure the version the user looked at is the one deleted.
 */
export function DeleteDataflowDialog({
  instance,
  name,
  resourceVersion,
  deployed,
  onClose,
}: {
  instance: string;
  name: string;
  resourceVersion: string | undefined;
  /** The runtime runs it: deleting the definition does not stop it before the next deploy. */
  deployed: boolean;
  onClose: () => void;
}) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteDataflow(instance, name, resourceVersion),
    onSuccess: () => {
      notify('success', `Dataflow ${name} deleted`);
      onClose();
    },
    // Either way the list may be out of date now (a 412 means someone changed it; a 404, deleted it).
    onSettled: () => queryClient.invalidateQueries({ queryKey: dataflowKeys.all(instance) }),
  });

  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="dataflow-delete-dialog">
        <DialogBody>
          <DialogTitle>Delete {name}?</DialogTitle>
          <DialogContent>
            <Body1 as="p">Deleting removes the definition; its revision history is kept.</Body1>
            {deployed ? (
              <Body1 as="p">The runtime keeps running it until the instance is deployed again.</Body1>
            ) : null}
            {remove.isError ? <ProblemMessage error={remove.error} /> : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
              data-testid="dataflow-delete-confirm"
            >
              {remove.isPending ? <Spinner size="tiny" /> : null}
              Delete
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
