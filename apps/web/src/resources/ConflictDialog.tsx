import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { toKubernetesYaml } from '@flowplane/manifests';
import type { Resource } from '@flowplane/model';
import { DiffView } from './DiffView.tsx';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function changedAt(resource: Resource): string | undefined {
  const value = resource.status?.updatedAt;
  return typeof value === 'string' ? timeFormat.format(new Date(value)) : undefined;
}

/**
 * Someone saved the resource after this edit started. Their version and the user's are shown side by side;
 * nothing is overwritten unless the user says so.
 */
export function ConflictDialog({
  mine,
  theirs,
  onOverwrite,
  onLoadTheirs,
  onCancel,
}: {
  mine: Resource;
  theirs: Resource;
  onOverwrite: () => void;
  onLoadTheirs: () => void;
  onCancel: () => void;
}) {
  const when = changedAt(theirs);
  return (
    <Dialog open modalType="alert" onOpenChange={(_e, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface data-testid="conflict-dialog" style={{ maxWidth: '960px', width: '90vw' }}>
        <DialogBody>
          <DialogTitle>Someone else saved {theirs.metadata.name} first</DialogTitle>
          <DialogContent>
            <Body1 as="p">
              Their version {when ? `(saved ${when}) ` : ''}is on the left, yours on the right. Load theirs to
              continue from it, or overwrite it with yours.
            </Body1>
            <DiffView
              before={toKubernetesYaml([theirs])}
              after={toKubernetesYaml([mine])}
              beforeLabel="Their version (saved)"
              afterLabel="Your version (not saved)"
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onLoadTheirs} data-testid="conflict-load-theirs">
              Load their version
            </Button>
            <Button onClick={onOverwrite} data-testid="conflict-overwrite">
              Overwrite with mine
            </Button>
            <Button appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export default ConflictDialog;
