import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { isApiProblem } from '../api/problem.ts';
import { invalidateInstanceContents } from '../api/overview.ts';
import { importBundle, type ImportResult } from '../api/transfer.ts';
import { ApiProblem } from '../api/problem.ts';
import { plural } from '../overview/resources.ts';
import { useNotify } from '../shell/notify.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { ImportIssues } from './ImportIssues.tsx';
import { ImportPlan } from './ImportPlan.tsx';

/** The API's body limit. */
const MAX_BYTES = 1024 * 1024;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: '16px' },
  text: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, minHeight: '240px' },
  actions: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  file: { display: 'flex', alignItems: 'center', gap: '8px' },
  secondary: { color: tokens.colorNeutralForeground3 },
  result: { display: 'flex', flexDirection: 'column', gap: '16px' },
});

type Outcome =
  | { kind: 'result'; text: string; result: ImportResult }
  | { kind: 'failed'; text: string; dryRun: boolean; error: unknown };

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Manifests in (pasted or from a file), a dry run that shows the plan, then all-or-nothing apply. */
export function ImportPanel({ instance }: { instance: string }) {
  const styles = useStyles();
  const fileId = useId();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState<{ error: boolean; text: string }>();
  const [outcome, setOutcome] = useState<Outcome>();

  const run = useMutation({
    mutationFn: (call: { text: string; dryRun: boolean }) =>
      importBundle(instance, call.text, { dryRun: call.dryRun }),
    onSuccess: (result, call) => {
      setOutcome({ kind: 'result', text: call.text, result });
      if (result.dryRun) return;
      const count = (action: string) => result.plan.filter((p) => p.action === action).length;
      notify(
        'success',
        `Imported ${plural(result.plan.length, 'resource')}`,
        `${count('create')} created, ${count('update')} updated, ${count('unchanged')} unchanged.`,
      );
      void invalidateInstanceContents(queryClient, instance);
    },
    onError: (error, call) => setOutcome({ kind: 'failed', ...call, error }),
  });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after editing the text) loads it again.
    input.value = '';
    if (file === undefined) return;
    if (file.size > MAX_BYTES) {
      setFileNote({
        error: true,
        text: `${file.name} is ${formatSize(file.size)}; the API accepts at most 1 MiB. Split it into several imports.`,
      });
      return;
    }
    setText(await file.text());
    setFileNote({ error: false, text: `Loaded ${file.name} (${formatSize(file.size)}).` });
  };

  const blank = text.trim() === '';
  const stale = outcome !== undefined && outcome.text !== text;
  // A dry run of this very text found errors: applying it would be refused the same way.
  const knownInvalid = outcome?.kind === 'result' && !stale && outcome.result.dryRun && !outcome.result.valid;
  const pending = run.isPending ? (run.variables.dryRun ? 'preview' : 'apply') : undefined;

  return (
    <div className={styles.panel}>
      <Field
        label="Manifests"
        hint="Kubernetes YAML (v1, or the older v1beta1; several documents separated by ---), or an ARM template in JSON. At most 1 MiB."
      >
        <Textarea
          textarea={{ className: styles.text }}
          data-testid="import-text"
          value={text}
          resize="vertical"
          spellCheck={false}
          placeholder={'apiVersion: connectivity.iotoperations.azure.com/v1\nkind: DataflowEndpoint\n…'}
          onChange={(_event, data) => setText(data.value)}
        />
      </Field>
      <div className={styles.file}>
        <label htmlFor={fileId}>Or load a file:</label>
        <input
          id={fileId}
          type="file"
          data-testid="import-file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          onChange={(event) => void onFile(event)}
        />
      </div>
      {fileNote ? (
        <Caption1
          className={fileNote.error ? undefined : styles.secondary}
          role={fileNote.error ? 'alert' : 'status'}
        >
          {fileNote.text}
        </Caption1>
      ) : null}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          data-testid="import-preview-button"
          disabled={blank || pending !== undefined}
          onClick={() => run.mutate({ text, dryRun: true })}
        >
          {pending === 'preview' ? 'Previewing…' : 'Preview'}
        </Button>
        <Button
          data-testid="import-apply-button"
          disabled={blank || pending !== undefined || knownInvalid}
          onClick={() => run.mutate({ text, dryRun: false })}
        >
          {pending === 'apply' ? 'Importing…' : 'Import'}
        </Button>
        <Caption1 className={styles.secondary}>
          {knownInvalid
            ? 'Fix the errors below, then preview again.'
            : 'Preview writes nothing. Import writes every resource or, if one is refused, none.'}
        </Caption1>
      </div>
      <div className={styles.result} aria-live="polite">
        {pending ? (
          <Spinner size="small" label={pending === 'preview' ? 'Previewing…' : 'Importing…'} />
        ) : null}
        {!pending && stale ? (
          <MessageBar intent="warning">
            <MessageBarBody>
              The text has changed since this result. Preview again to see what importing it would do.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {!pending && outcome?.kind === 'result' ? (
          <ImportPlan instance={instance} result={outcome.result} />
        ) : null}
        {!pending && outcome?.kind === 'failed' ? (
          <>
            <ProblemMessage
              error={outcome.error}
              onRetry={
                isApiProblem(outcome.error) && outcome.error.status > 0 && outcome.error.status < 500
                  ? undefined
                  : () => run.mutate({ text: outcome.text, dryRun: outcome.dryRun })
              }
            />
            {outcome.error instanceof ApiProblem && outcome.error.errors.length > 0 ? (
              <ImportIssues instance={instance} issues={outcome.error.errors} />
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
