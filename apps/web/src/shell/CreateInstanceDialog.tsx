import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  Textarea,
  makeStyles,
} from '@fluentui/react-components';
import { InstanceInput, schemaIssues } from '@flowplane/model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { createInstance, instanceKeys } from '../api/instances.ts';
import { isApiProblem, type ProblemIssue } from '../api/problem.ts';
import { ProblemMessage } from './ProblemMessage.tsx';
import { useNotify } from './notify.tsx';
import { instancePath } from './sections.ts';

const useStyles = makeStyles({ fields: { display: 'flex', flexDirection: 'column', gap: '12px' } });

/** Creates an instance (the API seeds its default endpoint and profile) and opens it. */
export function CreateInstanceDialog({ onClose }: { onClose: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [input, setInput] = useState<{ name: string; namespace: string; description: string }>({
    name: '',
    namespace: '',
    description: '',
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverIssues, setServerIssues] = useState<readonly ProblemIssue[]>([]);
  const body = useMemo(
    () => ({
      name: input.name,
      ...(input.namespace === '' ? {} : { namespace: input.namespace }),
      ...(input.description === '' ? {} : { description: input.description }),
    }),
    [input],
  );
  const issues = useMemo(() => [...schemaIssues(InstanceInput, body), ...serverIssues], [body, serverIssues]);
  const create = useMutation({
    mutationFn: () => createInstance(body),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: instanceKeys.all });
      notify(
        'success',
        `Instance ${created.name} created`,
        'It starts with the default endpoint and profile.',
      );
      onClose();
      await navigate(instancePath(created.name));
    },
    onError: (error) => {
      if (!isApiProblem(error)) return;
      setServerIssues(
        error.status === 409
          ? [{ path: '/name', code: 'name.taken', message: error.detail ?? error.title }]
          : error.errors,
      );
      setTouched(new Set(['name', 'namespace', 'description']));
    },
  });

  const field = (key: 'name' | 'namespace' | 'description') => {
    const messages = touched.has(key) ? issues.filter((i) => i.path === `/${key}`) : [];
    return messages.length === 0
      ? {}
      : {
          validationState: 'error' as const,
          validationMessage: (
            <span data-testid={`instance-issue-${key}`}>{messages.map((m) => m.message).join(' ')}</span>
          ),
        };
  };
  const change = (key: 'name' | 'namespace' | 'description', value: string) => {
    setInput((current) => ({ ...current, [key]: value }));
    setTouched((current) => new Set(current).add(key));
    setServerIssues((current) => current.filter((i) => i.path !== `/${key}`));
  };

  return (
    <Dialog open onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="create-instance-dialog">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTouched(new Set(['name', 'namespace', 'description']));
            if (schemaIssues(InstanceInput, body).length === 0) create.mutate();
          }}
        >
          <DialogBody>
            <DialogTitle>Create instance</DialogTitle>
            <DialogContent className={styles.fields}>
              <Field
                label="Name"
                required
                hint="Lower-case letters, digits and '-', 3–63 characters."
                {...field('name')}
              >
                <Input
                  data-testid="instance-name"
                  value={input.name}
                  onChange={(_e, d) => change('name', d.value)}
                />
              </Field>
              <Field
                label="Namespace"
                hint="Kubernetes namespace of the Azure IoT Operations instance."
                {...field('namespace')}
              >
                <Input
                  data-testid="instance-namespace"
                  placeholder="azure-iot-operations"
                  value={input.namespace}
                  onChange={(_e, d) => change('namespace', d.value)}
                />
              </Field>
              <Field label="Description" {...field('description')}>
                <Textarea value={input.description} onChange={(_e, d) => change('description', d.value)} />
              </Field>
              {create.isError && !isApiProblem(create.error) ? <ProblemMessage error={create.error} /> : null}
              {isApiProblem(create.error) &&
              create.error.errors.length === 0 &&
              create.error.status !== 409 ? (
                <ProblemMessage error={create.error} />
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                type="submit"
                disabled={create.isPending}
                data-testid="instance-create"
              >
                {create.isPending ? <Spinner size="tiny" /> : null}
                Create
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export default CreateInstanceDialog;
